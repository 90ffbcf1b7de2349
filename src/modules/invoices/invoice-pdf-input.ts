import type { InvoiceResponseDto } from './dto/invoice-responses.dto.js';

/** What the PDF prints of an invoice: nothing else, so it can be compared and sent to a worker thread. */
export type PdfInvoice = Pick<
  InvoiceResponseDto,
  | 'invoice_number'
  | 'invoice_title'
  | 'currency'
  | 'issue_date'
  | 'due_date'
  | 'billing_address_line'
  | 'billing_street'
  | 'billing_city'
  | 'billing_state'
  | 'billing_postcode'
  | 'billing_country'
  | 'notes'
  | 'terms'
  | 'subtotal'
  | 'discount_total'
  | 'tax_total'
  | 'total'
  | 'amount_paid'
  | 'amount_due'
> & { lines: Pick<InvoiceResponseDto['lines'][number], 'description' | 'quantity' | 'unit_price' | 'tax_rate' | 'discount' | 'amount'>[] };

export interface InvoicePdfInput {
  organization: string;
  billTo: string;
  invoice: PdfInvoice;
}

export function toPdfInput(organization: string, billTo: string, invoice: InvoiceResponseDto): InvoicePdfInput {
  const { invoice_number, invoice_title, currency, issue_date, due_date, notes, terms, subtotal, discount_total, tax_total, total, amount_paid, amount_due } = invoice;
  const { billing_address_line, billing_street, billing_city, billing_state, billing_postcode, billing_country } = invoice;
  return {
    organization,
    billTo,
    invoice: {
      invoice_number,
      invoice_title,
      currency,
      issue_date,
      due_date,
      billing_address_line,
      billing_street,
      billing_city,
      billing_state,
      billing_postcode,
      billing_country,
      notes,
      terms,
      subtotal,
      discount_total,
      tax_total,
      total,
      amount_paid,
      amount_due,
      lines: invoice.lines.map(({ description, quantity, unit_price, tax_rate, discount, amount }) => ({ description, quantity, unit_price, tax_rate, discount, amount })),
    },
  };
}
