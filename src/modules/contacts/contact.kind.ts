import type { RecordKindOptions } from '../../common/records/record-kind.decorator.js';

/** Contacts as a record kind: their comments and attachments, and how other modules name them. */
export const CONTACT_KIND = {
  kind: 'contact',
  name: 'Contact',
  path: 'contacts',
  tag: 'Contacts',
  comments: true,
  description: 'People at customers',
} satisfies RecordKindOptions;
