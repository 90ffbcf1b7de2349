import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Role } from '../../common/auth/role.js';
import { type EmbeddedRows, embeddedEntities } from '../../common/database/embedded-rows.js';
import type { SideList } from '../../common/pagination/side-list.js';
import { sqlLiterals } from '../../common/database/sql-literal.js';
import { OutstandingTotal } from './outstanding-total.entity.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { containsPattern } from '../../common/database/like.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { ConflictError, ValidationFailedError } from '../../common/errors/app-error.js';
import type { CursorPage } from '../../common/pagination/page.js';
import { RecordKind, type RecordKindService } from '../../common/records/record-kind.decorator.js';
import { RECORD_DELETING, type RecordDeleting, type RecordStore, RecordStores } from '../../common/records/record-store.js';
import { RecordUseCases } from '../../common/records/record-use-cases.js';
import { ACCOUNT_RELATED, type AccountRelatedQuery, type AccountRelatedRows } from '../accounts/account-related.js';
// Its list on the account detail, documented where the list is made.
import './dto/account-invoice.dto.js';
import { CommentsService } from '../comments/comments.service.js';
import { MailService } from '../mail/mail.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import type { CreateInvoiceDto, InvoiceFiltersDto, ListInvoicesQueryDto, UpdateInvoiceDto } from './dto/invoice-requests.dto.js';
import { INVOICE_EMAILS_SHOWN, type InvoiceDetailResponseDto, type InvoiceItemDto, type InvoiceResponseDto, type OutstandingDto } from './dto/invoice-responses.dto.js';
import { Invoice, InvoiceStatus } from './invoice.entity.js';
import { INVOICE_KIND } from './invoice.kind.js';
import { type InvoiceLinks, priced, shownAs, toAccountInvoice, toInvoiceColumns, toInvoiceItem, toLineResponse, toPaymentResponse, INVOICE_LINKS } from './invoice.mapper.js';
import { InvoiceEmail, InvoiceLine, InvoicePayment } from './invoice-parts.entity.js';

/** Sent or Pending and due before today in the organization's time zone; never NULL. */
export const OVERDUE = `(invoice.status IN ('Sent', 'Pending') AND invoice.due_date IS NOT NULL
  AND invoice.due_date < (now() AT TIME ZONE (SELECT org.timezone FROM organizations org WHERE org.id = invoice.org_id))::date)`;

/** What may still change once an invoice has been sent; nothing changes once it is Paid or Cancelled. */
const EDITABLE_AFTER_SENDING = new Set(['notes', 'assigned_to', 'teams']);

export const locked = (message: string, fields: string[] = []) =>
  new ConflictError('INVOICE_LOCKED', message, fields.length ? Object.fromEntries(fields.map((field) => [field, [message]])) : undefined);

@RecordKind(INVOICE_KIND)
@Injectable()
export class InvoicesService
  extends RecordUseCases<Invoice, InvoiceItemDto, typeof INVOICE_LINKS, CreateInvoiceDto, UpdateInvoiceDto, { is_overdue: boolean }, InvoiceResponseDto>
  implements RecordKindService
{
  protected readonly store: RecordStore<Invoice, typeof INVOICE_LINKS>;

  constructor(
    stores: RecordStores,
    @InjectDb() private readonly db: Db,
    private readonly organizations: OrganizationsService,
    private readonly comments: CommentsService,
    private readonly mail: MailService,
  ) {
    super();
    this.store = stores.for({
      kind: INVOICE_KIND,
      entity: Invoice,
      alias: 'invoice',
      links: INVOICE_LINKS,
      references: { account: 'account' },
      assignees: 'assigned_to',
      keptTotalsBy: 'status',
    });
  }

  list(principal: OrgPrincipal, query: ListInvoicesQueryDto): Promise<CursorPage<InvoiceItemDto>> {
    return this.listPage(principal, query, this.filtered(principal, query));
  }

  /**
   * The invoice with its parts and the newest mails that carried it in one statement, then its
   * comments and those mails' recipients: three statements at most (two for an invoice never sent).
   */
  async get(principal: OrgPrincipal, id: string): Promise<InvoiceDetailResponseDto> {
    const sent = this.db.tx
      .getRepository(InvoiceEmail)
      .createQueryBuilder('sent')
      .where('sent.invoiceId = invoice.id AND sent.orgId = invoice.org_id')
      .orderBy('sent.createdOn', 'DESC')
      .addOrderBy('sent.id', 'DESC')
      .limit(INVOICE_EMAILS_SHOWN);
    const [item, { emails, ...parts }] = await this.itemWith(principal, id, { ...this.parts(), emails: embeddedEntities(sent, ['emailId'], (row) => row.emailId) });
    const [{ comments, attachments }, summaries] = await Promise.all([
      this.comments.listFor(principal.orgId, { kind: INVOICE_KIND.kind, id }),
      this.mail.summaries(principal.orgId, emails.results),
    ]);
    return { ...withParts(item, parts), comments, attachments, emails: summaries };
  }

  /** The invoice with its lines and payments: one statement. */
  async response(principal: OrgPrincipal, id: string): Promise<InvoiceResponseDto> {
    const [item, parts] = await this.itemWith(principal, id, this.parts());
    return withParts(item, parts);
  }

  /** The lines and payments of the invoice under the alias `invoice`, to embed in its statement. */
  private parts() {
    const of = <P extends InvoiceLine | InvoicePayment>(entity: new () => P, alias: string) =>
      this.db.tx.getRepository(entity).createQueryBuilder(alias).where(`${alias}.invoiceId = invoice.id AND ${alias}.orgId = invoice.org_id`);
    return {
      lines: embeddedEntities(of(InvoiceLine, 'line').orderBy('line.position', 'ASC'), ['description', 'quantity', 'unitPrice', 'taxRate', 'discount', 'amount'], (line) => line),
      payments: embeddedEntities(
        of(InvoicePayment, 'payment').orderBy('payment.createdOn', 'ASC').addOrderBy('payment.id', 'ASC'),
        ['id', 'amount', 'paidOn', 'method', 'reference', 'createdBy', 'createdOn'],
        (payment) => payment,
      ),
    };
  }

  /**
   * Inserts an invoice with its lines, priced, and its first history note, in the transaction in
   * progress (duplicate; a create goes through the shared use cases, to the same parts).
   */
  async insert(
    principal: OrgPrincipal,
    columns: Partial<Invoice> & { currency: string; invoiceNumber: string },
    lines: CreateInvoiceDto['lines'],
    links: { contacts: string[]; assigned_to: string[]; teams: string[] },
    note: string,
  ): Promise<string> {
    const { totals } = priced(lines, columns.currency);
    const id = await this.store.insert(principal, { ...columns, ...totals, status: InvoiceStatus.DRAFT }, links);
    await this.writeLines(principal, id, lines, columns.currency);
    await this.addHistory(principal.orgId, id, InvoiceStatus.DRAFT, note);
    return id;
  }

  protected toItem(row: Invoice, links: InvoiceLinks): InvoiceItemDto {
    return toInvoiceItem(row, links);
  }

  protected override answer(principal: OrgPrincipal, id: string): Promise<InvoiceResponseDto> {
    return this.response(principal, id);
  }

  protected override nameOf(invoice: InvoiceItemDto): string {
    return invoice.invoice_number;
  }

  protected override selectExtras(builder: SelectQueryBuilder<Invoice>): SelectQueryBuilder<Invoice> {
    return builder.addSelect(OVERDUE, 'is_overdue');
  }

  /** A Draft changes freely; once sent only notes, assignees and teams; Paid and Cancelled are final. */
  protected override validate(dto: CreateInvoiceDto | UpdateInvoiceDto, current?: Invoice): void {
    if (current && (current.status === InvoiceStatus.PAID || current.status === InvoiceStatus.CANCELLED)) throw locked(`A ${current.status} invoice is final`);
    if (current && current.status !== InvoiceStatus.DRAFT) {
      const frozen = Object.keys(dto).filter((field) => !EDITABLE_AFTER_SENDING.has(field));
      if (frozen.length) throw locked(`cannot change once the invoice is ${current.status}`, frozen);
    }
    const issue = dto.issue_date === undefined ? (current?.issueDate ?? null) : dto.issue_date;
    const due = dto.due_date === undefined ? (current?.dueDate ?? null) : dto.due_date;
    assertDates(issue ?? null, due ?? null);
  }

  /** The next number of the organization's sequence, and its currency unless given: one read of the organization. */
  protected async insertColumns(principal: OrgPrincipal, dto: CreateInvoiceDto): Promise<object> {
    const settings = await this.organizations.settings(principal.orgId);
    const currency = dto.currency ?? settings.default_currency;
    const invoiceNumber = await this.nextNumber(principal.orgId, settings.invoice_prefix);
    return { ...toInvoiceColumns(dto), currency, invoiceNumber, ...priced(dto.lines, currency).totals, status: InvoiceStatus.DRAFT };
  }

  /** New lines or a new currency re-price the invoice: its totals, and the lines themselves. */
  protected async updateColumns(principal: OrgPrincipal, dto: UpdateInvoiceDto, current: Invoice): Promise<object> {
    const columns: Partial<Invoice> = toInvoiceColumns(dto);
    if (!dto.lines && !dto.currency) return columns;
    const lines = dto.lines ?? (await this.storedLines(current.id));
    await this.db.tx.getRepository(InvoiceLine).delete({ invoiceId: current.id, orgId: principal.orgId });
    await this.writeLines(principal, current.id, lines, dto.currency ?? current.currency);
    return { ...columns, ...priced(lines, dto.currency ?? current.currency).totals };
  }

  /** A new invoice's lines and the first note of its history. */
  protected override async written(principal: OrgPrincipal, id: string, columns: { currency?: string }, dto: CreateInvoiceDto | UpdateInvoiceDto, current?: Invoice): Promise<void> {
    if (current) return;
    await this.writeLines(principal, id, (dto as CreateInvoiceDto).lines, columns.currency!);
    await this.addHistory(principal.orgId, id, InvoiceStatus.DRAFT, 'created');
  }

  private async writeLines(principal: OrgPrincipal, invoiceId: string, lines: CreateInvoiceDto['lines'], currency: string): Promise<void> {
    const { lines: rows } = priced(lines, currency);
    await this.db.tx.getRepository(InvoiceLine).insert(rows.map((row) => ({ ...row, orgId: principal.orgId, invoiceId })));
  }

  /** Only a Draft or a Cancelled invoice may be deleted: a sent one stays on record. */
  override async remove(principal: OrgPrincipal, id: string): Promise<void> {
    const invoice = await this.store.load(principal, id);
    if (invoice.status !== InvoiceStatus.DRAFT && invoice.status !== InvoiceStatus.CANCELLED) {
      throw locked(`A ${invoice.status} invoice cannot be deleted; cancel it instead`);
    }
    await super.remove(principal, id);
  }

  /** Writes an action's columns (status, payments) through the store: revision, updated_by and If-Match as for any update. */
  writeColumns(principal: OrgPrincipal, id: string, columns: Partial<Invoice>): Promise<void> {
    return this.store.update(principal, id, columns, {});
  }

  /** The invoice, locked for the rest of the transaction, if the caller may see it. */
  loadForChange(principal: OrgPrincipal, id: string): Promise<Invoice> {
    return this.store.lockForChange(principal, id);
  }

  /**
   * Notes why the invoice's status is `to` in the history entry of this transaction (the status
   * move itself is recorded by the history trigger; a resend, which changes nothing, gets an entry
   * for its note alone).
   */
  async addHistory(orgId: string, invoiceId: string, to: InvoiceStatus, note: string): Promise<void> {
    await this.db.tx.query(`SELECT record_history_write('invoice', $1, $2, 'updated', '[]', $3, $4)`, [orgId, invoiceId, to, note]);
  }

  /** The next number of the organization's sequence; the row stays locked until commit, so numbers are consecutive and never reused. */
  /** The organization's next invoice number, after `prefix` (its setting, read by the caller with whatever else it needs). */
  async nextNumber(orgId: string, prefix: string): Promise<string> {
    const [row] = (await this.db.tx.query(
      `INSERT INTO invoice_sequences (org_id, next_number) VALUES ($1, 2)
       ON CONFLICT (org_id) DO UPDATE SET next_number = invoice_sequences.next_number + 1
       RETURNING next_number - 1 AS number`,
      [orgId],
    )) as { number: string }[];
    return `${prefix}${row.number.padStart(6, '0')}`;
  }

  async storedLines(invoiceId: string): Promise<CreateInvoiceDto['lines']> {
    const rows = await this.db.tx.getRepository(InvoiceLine).find({ where: { invoiceId }, order: { position: 'ASC' } });
    return rows.map((row) => ({ description: row.description, quantity: row.quantity, unit_price: row.unitPrice, tax_rate: row.taxRate, discount: row.discount }));
  }

  /**
   * An account that issued invoices bill to cannot be deleted (409): a sent invoice is a document
   * someone holds, and Paid and Cancelled ones are final in every field, bill-to included. Drafts
   * lose their account and may be given another.
   */
  // suppressErrors: false, or Nest's emitter would log the refusal and delete the account anyway.
  @OnEvent(RECORD_DELETING, { promisify: true, suppressErrors: false })
  async keepIssuedBillTo({ kind, orgId, id }: RecordDeleting): Promise<void> {
    if (kind !== 'account') return;
    // Counted, not named: the one deleting may not see every invoice (an ADMIN lists them with ?account=).
    const [{ issued }]: { issued: number }[] = await this.db.tx.query(
      `SELECT count(*)::int AS issued FROM invoices WHERE org_id = $1 AND account_id = $2 AND status <> $3`,
      [orgId, id, InvoiceStatus.DRAFT],
    );
    if (issued === 0) return;
    throw new ConflictError('ACCOUNT_HAS_INVOICES', `${issued} issued invoice(s) bill this account and keep it as their bill-to, so it cannot be deleted`);
  }

  /** The account's invoices the caller may see, newest first, for the account detail. */
  @OnEvent(ACCOUNT_RELATED)
  ofAccount({ principal, accountId }: AccountRelatedQuery): Pick<AccountRelatedRows, 'invoices'> {
    const builder = this.store.visible(principal).andWhere(`invoice.accountId = ${accountId}`);
    const columns = ['id', 'invoiceNumber', 'invoiceTitle', 'status', 'currency', 'total', 'dueDate', 'createdOn'] as const;
    return { invoices: this.store.newestEmbedded(builder, columns, toAccountInvoice) };
  }

  /**
   * What is still owed on the invoices the caller may see (Sent or Pending), per currency, for the
   * dashboard to embed: an ADMIN's from the kept sums (OutstandingTotal), a USER's summed over
   * their own invoices.
   */
  outstanding(principal: OrgPrincipal): EmbeddedRows<OutstandingDto> {
    const read = (row: Record<string, unknown>) => {
      const { currency, count, amount_due } = row as unknown as OutstandingDto;
      return { currency, count, amount_due: shownAs(amount_due, currency) };
    };
    return { query: (principal.role === Role.ADMIN ? this.keptOutstanding(principal.orgId) : this.summedOutstanding(principal)).orderBy('currency'), read };
  }

  private keptOutstanding(orgId: string): SelectQueryBuilder<ObjectLiteral> {
    return this.db.tx
      .getRepository(OutstandingTotal)
      .createQueryBuilder('kept')
      .select('kept.currency', 'currency')
      .addSelect('sum(kept.count)::int', 'count')
      .addSelect('sum(kept.amountDue)::text', 'amount_due')
      .where('kept.orgId = :orgId', { orgId })
      .groupBy('kept.currency')
      .having('sum(kept.count) <> 0');
  }

  private summedOutstanding(principal: OrgPrincipal): SelectQueryBuilder<ObjectLiteral> {
    return this.store
      .visible(principal)
      .andWhere(`invoice.status IN (${sqlLiterals([InvoiceStatus.SENT, InvoiceStatus.PENDING])})`)
      .select('invoice.currency', 'currency')
      .addSelect('count(*)::int', 'count')
      .addSelect('sum(invoice.total - invoice.amount_paid)::text', 'amount_due')
      .groupBy('invoice.currency') as SelectQueryBuilder<ObjectLiteral>;
  }

  override item(principal: OrgPrincipal, id: string): Promise<InvoiceItemDto> {
    return super.item(principal, id);
  }

  protected override filtered(principal: OrgPrincipal, query: InvoiceFiltersDto): SelectQueryBuilder<Invoice> {
    const builder = this.store.visible(principal);
    if (query.status?.length) builder.andWhere('invoice.status IN (:...statuses)', { statuses: query.status });
    if (query.account) builder.andWhere('invoice.accountId = :account', { account: query.account });
    if (query.invoice_number) builder.andWhere('invoice.invoiceNumber ILIKE :number', { number: containsPattern(query.invoice_number) });
    if (query.overdue !== undefined) builder.andWhere(query.overdue ? OVERDUE : `NOT ${OVERDUE}`);
    if (query.issue_date_from) builder.andWhere('invoice.issueDate >= :issueFrom', { issueFrom: query.issue_date_from });
    if (query.issue_date_to) builder.andWhere('invoice.issueDate <= :issueTo', { issueTo: query.issue_date_to });
    if (query.due_date_from) builder.andWhere('invoice.dueDate >= :dueFrom', { dueFrom: query.due_date_from });
    if (query.due_date_to) builder.andWhere('invoice.dueDate <= :dueTo', { dueTo: query.due_date_to });
    if (query.total_min) builder.andWhere('invoice.total >= :totalMin', { totalMin: query.total_min });
    if (query.total_max) builder.andWhere('invoice.total <= :totalMax', { totalMax: query.total_max });
    return builder;
  }
}

function assertDates(issue: string | null, due: string | null): void {
  if (issue && due && due < issue) throw ValidationFailedError.field('due_date', 'must not be before issue_date');
}

function withParts(item: InvoiceItemDto, { lines, payments }: { lines: SideList<InvoiceLine>; payments: SideList<InvoicePayment> }): InvoiceResponseDto {
  return {
    ...item,
    lines: lines.results.map((line) => toLineResponse(line, item.currency)),
    payments: payments.results.map((payment) => toPaymentResponse(payment, item.currency)),
  };
}
