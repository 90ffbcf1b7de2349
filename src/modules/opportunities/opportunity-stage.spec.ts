import { closure, OpportunityStage } from './opportunity-stage.js';

describe('closure', () => {
  const at = new Date('2026-01-02T03:04:05Z');

  it('records who closed it and when, once', () => {
    expect(closure(OpportunityStage.CLOSED_WON, null, 'u1', at)).toEqual({ closedBy: 'u1', closedAt: at });
    const kept = { closedBy: 'u1', closedAt: at };
    expect(closure(OpportunityStage.CLOSED_LOST, kept, 'u2')).toEqual(kept);
  });

  it('clears both when the opportunity reopens', () => {
    expect(closure(OpportunityStage.NEGOTIATION, { closedBy: 'u1', closedAt: at }, 'u2')).toEqual({ closedBy: null, closedAt: null });
  });
});
