import { Injectable } from '@nestjs/common';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { ConflictError, ValidationFailedError } from '../../common/errors/app-error.js';
import { type Page, toPage } from '../../common/pagination/page.js';
import type { PaginationQueryDto } from '../../common/pagination/pagination-query.dto.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import type { CancelInvoiceDto, InvoicePaymentDto } from './dto/invoice-requests.dto.js';
import type { InvoiceHistoryEntryDto, InvoiceResponseDto } from './dto/invoice-responses.dto.js';
import { Invoice, InvoiceStatus } from './invoice.entity.js';
import { InvoicePayment } from './invoice-parts.entity.js';
import { HistoryService, toEntry } from '../history/history.service.js';
import { InvoicesService, locked, OVERDUE } from './invoices.service.js';
import { formatMinor, minorUnits, toScaled } from './money.js';

const FINAL = new Set([InvoiceStatus.PAID, InvoiceStatus.CANCELLED]);

/**
 * The status moves: sending, payments, cancelling, duplicating, and the overdue sweep, each in
 * one transaction with the invoice row locked, each written to the history. Who may act is who may
 * see the invoice (an ADMIN, its creator, its assignees); anyone else gets 404.
 */
@Injectable()
export class InvoiceActions {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly invoices: InvoicesService,
    private readonly organizations: OrganizationsService,
    private readonly recordHistory: HistoryService,
  ) {}

  /** Draft → Sent, or a resend of a Sent or Pending invoice. */
  async markSent(principal: OrgPrincipal, id: string): Promise<Invoice> {
    const invoice = await this.invoices.loadForChange(principal, id);
    if (invoice.status === InvoiceStatus.DRAFT) {
      await this.invoices.writeColumns(principal, id, { status: InvoiceStatus.SENT });
      await this.invoices.addHistory(principal.orgId, id, InvoiceStatus.SENT, 'sent');
      return { ...invoice, status: InvoiceStatus.SENT };
    }
    if (FINAL.has(invoice.status)) throw locked(`A ${invoice.status} invoice cannot be sent`);
    await this.invoices.addHistory(principal.orgId, id, invoice.status, 'sent again');
    return invoice;
  }

  /** Records a payment of at most the amount due: Pending while something is owed, Paid when nothing is. */
  async pay(principal: OrgPrincipal, id: string, dto: InvoicePaymentDto): Promise<InvoiceResponseDto> {
    await this.db.withTransaction(async () => {
      const invoice = await this.invoices.loadForChange(principal, id);
      if (invoice.status !== InvoiceStatus.SENT && invoice.status !== InvoiceStatus.PENDING) {
        throw new ConflictError('INVOICE_NOT_PAYABLE', `A ${invoice.status} invoice takes no payments`);
      }
      const places = minorUnits(invoice.currency);
      const [, fraction = ''] = dto.amount.split('.');
      if (fraction.replace(/0+$/, '').length > places) {
        throw ValidationFailedError.field('amount', `must have at most ${places} decimals in ${invoice.currency}`);
      }
      const amount = toScaled(dto.amount, places);
      const due = toScaled(invoice.total, places) - toScaled(invoice.amountPaid, places);
      if (amount > due) throw ValidationFailedError.field('amount', `must be at most the amount due, ${formatMinor(due, places)}`);
      const paid = toScaled(invoice.amountPaid, places) + amount;
      const status = amount === due ? InvoiceStatus.PAID : InvoiceStatus.PENDING;
      await this.db.tx.getRepository(InvoicePayment).insert({
        orgId: principal.orgId,
        invoiceId: id,
        amount: formatMinor(amount, places),
        paidOn: dto.paid_on,
        method: dto.method ?? '',
        reference: dto.reference ?? '',
        createdBy: principal.userId,
      });
      await this.invoices.writeColumns(principal, id, { amountPaid: formatMinor(paid, places), status, ...(status === InvoiceStatus.PAID ? { paidAt: new Date() } : {}) });
      const method = dto.method ? ` (${dto.method})` : '';
      await this.invoices.addHistory(principal.orgId, id, status, `payment of ${formatMinor(amount, places)} ${invoice.currency}${method}`);
    });
    return this.invoices.response(principal, id);
  }

  async cancel(principal: OrgPrincipal, id: string, dto: CancelInvoiceDto): Promise<InvoiceResponseDto> {
    await this.db.withTransaction(async () => {
      const invoice = await this.invoices.loadForChange(principal, id);
      if (FINAL.has(invoice.status)) throw locked(`A ${invoice.status} invoice cannot be cancelled`);
      await this.invoices.writeColumns(principal, id, { status: InvoiceStatus.CANCELLED });
      await this.invoices.addHistory(principal.orgId, id, InvoiceStatus.CANCELLED, dto.note ?? 'cancelled');
    });
    return this.invoices.response(principal, id);
  }

  /** A new Draft with the next number, the same lines and links, issued today (the organization's today) with the same term. */
  async duplicate(principal: OrgPrincipal, id: string): Promise<InvoiceResponseDto> {
    const source = await this.invoices.response(principal, id);
    const settings = await this.organizations.settings(principal.orgId);
    const today = this.organizations.todayIn(settings.timezone);
    const copyId = await this.db.withTransaction(async () => {
      const lines = await this.invoices.storedLines(id);
      const term = source.issue_date && source.due_date ? Date.parse(source.due_date) - Date.parse(source.issue_date) : null;
      const number = await this.invoices.nextNumber(principal.orgId, settings.invoice_prefix);
      return this.invoices.insert(
        principal,
        {
          invoiceTitle: source.invoice_title,
          accountId: source.account,
          currency: source.currency,
          invoiceNumber: number,
          issueDate: today,
          dueDate: term === null ? source.due_date : new Date(Date.parse(today) + term).toISOString().slice(0, 10),
          notes: source.notes,
          terms: source.terms,
          billing: {
            addressLine: source.billing_address_line,
            street: source.billing_street,
            city: source.billing_city,
            state: source.billing_state,
            postcode: source.billing_postcode,
            country: source.billing_country,
          },
        },
        lines,
        { contacts: source.contacts, assigned_to: source.assigned_to, teams: source.teams },
        `duplicated from ${source.invoice_number}`,
      );
    });
    return this.invoices.response(principal, copyId);
  }

  /**
   * The invoice's history: every entry of the record's history, in the shape of its status moves
   * as well (`by`, `from`, `to`, `note`), `from` equal to `to` for an entry that moved nothing.
   */
  async history(principal: OrgPrincipal, id: string, query: PaginationQueryDto): Promise<Page<InvoiceHistoryEntryDto>> {
    const [rows, count] = await this.recordHistory.rows(principal, 'invoice', id, query);
    let previous: InvoiceStatus | undefined;
    const results: InvoiceHistoryEntryDto[] = [];
    for (const row of rows) {
      const moved = row.changes.find((change) => change.field === 'status');
      // A change of links alone leaves no status on its entry: it is the one before (or the invoice's own).
      const to = (row.state as InvoiceStatus | null) ?? previous ?? (await this.invoices.item(principal, id)).status;
      const from = moved ? (moved.from as InvoiceStatus | null) : to;
      results.push({ ...toEntry(row), by: row.actor_id, from, to, note: row.note });
      previous = to;
    }
    return toPage(`/api/invoices/${id}/history/`, query, count, results);
  }

  /**
   * Records, once per invoice, the first time it is seen overdue: the update claims each row (safe
   * when several processes sweep at once) and the history says when. Answers how many it recorded.
   */
  async sweepOverdue(): Promise<number> {
    return this.db.withTransaction(async () => {
      // TypeORM answers an UPDATE ... RETURNING as [rows, affected].
      const [rows] = (await this.db.tx.query(
        `UPDATE invoices invoice SET overdue_since = now(), updated_by = NULL WHERE invoice.overdue_since IS NULL AND ${OVERDUE}
         RETURNING invoice.id, invoice.org_id, invoice.status`,
      )) as [{ id: string; org_id: string; status: InvoiceStatus }[], number];
      for (const row of rows) await this.invoices.addHistory(row.org_id, row.id, row.status, 'overdue');
      return rows.length;
    });
  }
}
