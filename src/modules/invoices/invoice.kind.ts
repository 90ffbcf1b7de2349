import type { RecordKindOptions } from '../../common/records/record-kind.decorator.js';

/** Invoices as a record kind. */
export const INVOICE_KIND = {
  kind: 'invoice',
  name: 'Invoice',
  path: 'invoices',
  tag: 'Invoices',
  comments: true,
  description: 'Invoices with exact totals, numbering, payments, sending and overdue tracking',
} satisfies RecordKindOptions;
