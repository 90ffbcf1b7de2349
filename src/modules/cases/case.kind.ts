import type { RecordKindOptions } from '../../common/records/record-kind.decorator.js';

/** Cases as a record kind: their comments and attachments, and how other modules name them. */
export const CASE_KIND = {
  kind: 'case',
  name: 'Case',
  path: 'cases',
  tag: 'Cases',
  comments: true,
  description: 'Support cases with status workflow, priorities and types',
} satisfies RecordKindOptions;
