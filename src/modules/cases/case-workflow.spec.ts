import { ValidationFailedError } from '../../common/errors/app-error.js';
import { CaseStatus } from './case.entity.js';
import { resolveClosedOn } from './case-workflow.js';

describe('resolveClosedOn', () => {
  const now = new Date('2023-02-05T16:30:00.000Z');
  const earlier = new Date('2023-01-01T00:00:00.000Z');

  it('stamps now when a case is closed without a date', () => {
    expect(resolveClosedOn(CaseStatus.CLOSED, undefined, null, now)).toEqual(now);
  });

  it('keeps the given date, or the one a closed case already had', () => {
    expect(resolveClosedOn(CaseStatus.CLOSED, '2023-02-05T10:00:00Z', null, now)).toEqual(new Date('2023-02-05T10:00:00Z'));
    expect(resolveClosedOn(CaseStatus.CLOSED, undefined, earlier, now)).toEqual(earlier);
  });

  it('clears the date when a case leaves Closed', () => {
    expect(resolveClosedOn(CaseStatus.IN_PROGRESS, undefined, earlier, now)).toBeNull();
    expect(resolveClosedOn(CaseStatus.NEW, null, earlier, now)).toBeNull();
  });

  it('refuses a closed_on for a case that is not Closed', () => {
    expect(() => resolveClosedOn(CaseStatus.ON_HOLD, '2023-02-05T10:00:00Z', null, now)).toThrow(ValidationFailedError);
  });
});
