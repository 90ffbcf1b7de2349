import type { RecordKindOptions } from '../../common/records/record-kind.decorator.js';

/** Opportunities (deals in the sales pipeline) as a record kind. */
export const OPPORTUNITY_KIND = {
  kind: 'opportunity',
  name: 'Opportunity',
  path: 'opportunities',
  tag: 'Opportunities',
  comments: true,
  description: 'The sales pipeline: deals with stages, amounts and probabilities',
} satisfies RecordKindOptions;
