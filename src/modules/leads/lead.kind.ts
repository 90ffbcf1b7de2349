import type { RecordKindOptions } from '../../common/records/record-kind.decorator.js';

/** Leads as a record kind: their comments and attachments, and how other modules name them. */
export const LEAD_KIND = {
  kind: 'lead',
  name: 'Lead',
  path: 'leads',
  tag: 'Leads',
  comments: true,
  description: 'Prospects: qualification, conversion to accounts, web forms and imports',
} satisfies RecordKindOptions;
