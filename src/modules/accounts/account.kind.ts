import type { RecordKindOptions } from '../../common/records/record-kind.decorator.js';

/** Accounts as a record kind: their comments and attachments, and how other modules name them. */
export const ACCOUNT_KIND = {
  kind: 'account',
  name: 'Account',
  path: 'accounts',
  tag: 'Accounts',
  comments: true,
  description: 'Customer companies, with comments and attachments',
} satisfies RecordKindOptions;
