/** The pipeline's stages, in order (the reference's choices). */
export enum OpportunityStage {
  QUALIFICATION = 'QUALIFICATION',
  NEEDS_ANALYSIS = 'NEEDS ANALYSIS',
  VALUE_PROPOSITION = 'VALUE PROPOSITION',
  DECISION_MAKERS = 'ID.DECISION MAKERS',
  PERCEPTION_ANALYSIS = 'PERCEPTION ANALYSIS',
  PROPOSAL = 'PROPOSAL/PRICE QUOTE',
  NEGOTIATION = 'NEGOTIATION/REVIEW',
  CLOSED_WON = 'CLOSED WON',
  CLOSED_LOST = 'CLOSED LOST',
}

/** The probability (percent) an opportunity gets when its body names none (docs/contract-additions.md). */
export const DEFAULT_PROBABILITY: Record<OpportunityStage, number> = {
  [OpportunityStage.QUALIFICATION]: 10,
  [OpportunityStage.NEEDS_ANALYSIS]: 20,
  [OpportunityStage.VALUE_PROPOSITION]: 40,
  [OpportunityStage.DECISION_MAKERS]: 50,
  [OpportunityStage.PERCEPTION_ANALYSIS]: 60,
  [OpportunityStage.PROPOSAL]: 70,
  [OpportunityStage.NEGOTIATION]: 80,
  [OpportunityStage.CLOSED_WON]: 100,
  [OpportunityStage.CLOSED_LOST]: 0,
};

export const isClosedStage = (stage: OpportunityStage) =>
  stage === OpportunityStage.CLOSED_WON || stage === OpportunityStage.CLOSED_LOST;

/**
 * Who closed it and when: set when the stage becomes closed (kept while it stays closed), cleared
 * when it reopens. The reference sets closed_by in memory and never saves it.
 */
export function closure(
  stage: OpportunityStage,
  current: { closedBy: string | null; closedAt: Date | null } | null,
  actor: string,
  now = new Date(),
): { closedBy: string | null; closedAt: Date | null } {
  if (!isClosedStage(stage)) return { closedBy: null, closedAt: null };
  if (current?.closedAt) return { closedBy: current.closedBy, closedAt: current.closedAt };
  return { closedBy: actor, closedAt: now };
}
