import type { InvoiceResponseDto } from './dto/invoice-responses.dto.js';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

/** The message that carries an invoice's PDF: names the number, the amount due and the due date. */
export function invoiceMail(organization: string, invoice: InvoiceResponseDto): { subject: string; html: string } {
  const amount = new Intl.NumberFormat('en', { style: 'currency', currency: invoice.currency }).format(invoice.amount_due as unknown as number);
  const due = invoice.due_date ? `, due on ${invoice.due_date}` : '';
  return {
    subject: `Invoice ${invoice.invoice_number} from ${organization}`,
    html:
      `<p>Please find attached invoice <strong>${escape(invoice.invoice_number)}</strong> ` +
      `(${escape(invoice.invoice_title)}) for ${escape(amount)}${escape(due)}.</p>` +
      `<p>${escape(organization)}</p>`,
  };
}
