import type { LinkDeclaration, LinkRow } from '../../common/records/record-store.js';
import { ASSIGNEES_AND_TEAMS, CONTACTS_LINK } from '../../common/records/standard-links.js';
import type { AccountInvoiceDto } from './dto/account-invoice.dto.js';
import { fromAddress, toAddress } from '../../common/database/address.embedded.js';
import type { CreateInvoiceDto, InvoiceLineDto, UpdateInvoiceDto } from './dto/invoice-requests.dto.js';
import type { InvoiceItemDto, InvoiceLineResponseDto, InvoicePaymentResponseDto } from './dto/invoice-responses.dto.js';
import type { Invoice } from './invoice.entity.js';
import type { InvoiceLine, InvoicePayment } from './invoice-parts.entity.js';
import { formatMinor, lineAmounts, minorUnits, toScaled, totals } from './money.js';
import { revisionOf } from '../../common/records/revision-fields.js';

/** The kind's links, by body field: its store's declaration, from which a row's link arrays are typed. */
export const INVOICE_LINKS = { ...ASSIGNEES_AND_TEAMS, ...CONTACTS_LINK } satisfies LinkDeclaration;

/** A row's link arrays (and what else its queries select), as RecordStore.withLinks answers them. */
export type InvoiceLinks = LinkRow<typeof INVOICE_LINKS> & { /** Computed in SQL against today's date. */ is_overdue: boolean };

/** A stored amount ("12.340") with the currency's places ("12.34"; "1000" for JPY). */
export const shownAs = (value: string, currency: string) => {
  const places = minorUnits(currency);
  return formatMinor(toScaled(value, places), places);
};

/** An invoice as listed in its account's detail. */
export function toAccountInvoice(row: Invoice): AccountInvoiceDto {
  return {
    id: row.id,
    invoice_number: row.invoiceNumber,
    invoice_title: row.invoiceTitle,
    status: row.status,
    currency: row.currency,
    total: shownAs(row.total, row.currency),
    due_date: row.dueDate,
    created_on: row.createdOn.toISOString(),
  };
}

/** The lines' rows and the invoice's totals, computed exactly (money.ts), as stored decimal strings. */
export function priced(lines: InvoiceLineDto[], currency: string) {
  const places = minorUnits(currency);
  const amounts = lines.map((line) => lineAmounts({ ...line, tax_rate: line.tax_rate ?? '0', discount: line.discount ?? '0' }, places));
  const sum = totals(amounts);
  return {
    lines: lines.map((line, position) => ({
      position,
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unit_price,
      taxRate: line.tax_rate ?? '0',
      discount: line.discount ?? '0',
      amount: formatMinor(amounts[position].amount, places),
    })),
    totals: {
      subtotal: formatMinor(sum.subtotal, places),
      discountTotal: formatMinor(sum.discount_total, places),
      taxTotal: formatMinor(sum.tax_total, places),
      total: formatMinor(sum.total, places),
    },
  };
}

/** The body's own fields as columns (not lines, links or totals); absent ones left out. */
export function toInvoiceColumns(dto: CreateInvoiceDto | UpdateInvoiceDto): Partial<Invoice> {
  const text = (value: string | null | undefined) => (value === undefined ? undefined : (value ?? ''));
  const columns: Partial<Invoice> = {
    invoiceTitle: dto.invoice_title,
    accountId: dto.account,
    currency: dto.currency,
    issueDate: dto.issue_date,
    dueDate: dto.due_date,
    notes: text(dto.notes),
    terms: text(dto.terms),
    billing: toAddress(dto, 'billing_') as Invoice['billing'] | undefined,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}

export function toInvoiceItem(invoice: Invoice, links: InvoiceLinks): InvoiceItemDto {
  const show = (value: string) => shownAs(value, invoice.currency);
  const places = minorUnits(invoice.currency);
  const due = toScaled(invoice.total, places) - toScaled(invoice.amountPaid, places);
  return {
    id: invoice.id,
    invoice_title: invoice.invoiceTitle,
    invoice_number: invoice.invoiceNumber,
    status: invoice.status,
    account: invoice.accountId,
    contacts: links.contacts,
    currency: invoice.currency,
    issue_date: invoice.issueDate,
    due_date: invoice.dueDate,
    ...fromAddress(invoice.billing, 'billing_'),
    notes: invoice.notes,
    terms: invoice.terms,
    subtotal: show(invoice.subtotal),
    discount_total: show(invoice.discountTotal),
    tax_total: show(invoice.taxTotal),
    total: show(invoice.total),
    amount_paid: show(invoice.amountPaid),
    amount_due: formatMinor(due, places),
    is_overdue: links.is_overdue,
    paid_at: invoice.paidAt?.toISOString() ?? null,
    assigned_to: links.assigned_to,
    teams: links.teams,
    created_by: invoice.createdBy,
    created_on: invoice.createdOn.toISOString(),
    ...revisionOf(invoice),
  };
}

/** Trailing zeros of a stored decimal dropped ("1.500" → "1.5", "20.000" → "20"). */
const plain = (value: string) => (value.includes('.') ? value.replace(/\.?0+$/, '') : value);

export function toLineResponse(line: InvoiceLine, currency: string): InvoiceLineResponseDto {
  return {
    description: line.description,
    quantity: plain(line.quantity),
    unit_price: line.unitPrice,
    tax_rate: plain(line.taxRate),
    discount: plain(line.discount),
    amount: shownAs(line.amount, currency),
  };
}

export function toPaymentResponse(payment: InvoicePayment, currency: string): InvoicePaymentResponseDto {
  return {
    id: payment.id,
    amount: shownAs(payment.amount, currency),
    paid_on: payment.paidOn,
    method: payment.method,
    reference: payment.reference,
    created_by: payment.createdBy,
    created_on: payment.createdOn.toISOString(),
  };
}
