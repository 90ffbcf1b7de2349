import { isUUID } from 'class-validator';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { embeddedEntities, embedRows } from '../../common/database/embedded-rows.js';
import { rowHydrator } from '../../common/database/row-hydrator.js';
import { withStatementText } from '../../common/database/statement-texts.js';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { OnEvent } from '@nestjs/event-emitter';
import { type AssignmentEvent, RECORD_ASSIGNED } from '../../common/events/assignment-events.js';
import { NotFoundError, ValidationFailedError } from '../../common/errors/app-error.js';
import { type Page, toPage } from '../../common/pagination/page.js';
import type { PaginationQueryDto } from '../../common/pagination/pagination-query.dto.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { ContactsService } from '../contacts/contacts.service.js';
import { AccountEmail, type MailAttachment } from './account-email.entity.js';
import { DeliveryStatus, EmailDelivery } from './email-delivery.entity.js';
import type { AccountEmailResponseDto, CreateAccountEmailDto, EmailQueuedResponseDto, ResendAccountEmailDto } from './dto/mail.dto.js';
import { Outbox } from '../jobs/outbox.js';
import { EMAIL_JOB, type EmailJob, NOTICE_JOB } from './mail-jobs.js';
import type { AssignmentNotice } from './notice.js';
import { sanitizeMailHtml } from './sanitize.js';
import { isPlainAddress } from '../../common/validation/email-address.js';
import { RateLimits } from '../throttling/rate-limits.js';
import { RECORD_DELETING, type RecordDeleting } from '../../common/records/record-store.js';
import { ACCOUNT_KIND } from '../accounts/account.kind.js';
import { FileStorage } from '../files/file-storage.js';

function summary(deliveries: EmailDelivery[]): AccountEmailResponseDto['status'] {
  const sent = deliveries.filter((d) => d.status === DeliveryStatus.SENT).length;
  // Unknown (cut off mid-send) is not known delivered: it counts with the failed until resent.
  const failed = deliveries.filter((d) => d.status === DeliveryStatus.FAILED || d.status === DeliveryStatus.UNKNOWN).length;
  if (sent === deliveries.length) return 'sent';
  if (sent + failed < deliveries.length) return 'queued';
  return sent === 0 ? 'failed' : 'partially_sent';
}

const toResponse = (email: AccountEmail, deliveries: EmailDelivery[]): AccountEmailResponseDto => ({
  id: email.id,
  subject: email.subject,
  html: email.html,
  from_account: email.fromAccount,
  scheduled_later: email.scheduledAt !== null,
  scheduled_date_time: email.scheduledAt?.toISOString() ?? null,
  status: summary(deliveries),
  attachments: email.attachments.map((file) => ({ file_name: file.fileName, content_type: file.contentType, size: file.size })),
  recipients: deliveries.map((delivery) => ({
    address: delivery.address,
    contact_id: delivery.contactId,
    status: delivery.status === DeliveryStatus.SENDING ? 'queued' : delivery.status,
    attempts: delivery.attempts,
    last_error: delivery.lastError,
    sent_at: delivery.sentAt?.toISOString() ?? null,
  })),
  created_by: email.createdBy,
  created_on: email.createdOn.toISOString(),
});

/** A mail another module has written; recipients already resolved to addresses. */
export interface QueuedMail {
  accountId: string;
  subject: string;
  html: string;
  fromAccount?: string;
  scheduledAt?: Date | null;
  recipients: { address: string; contactId: string | null }[];
  attachments?: MailAttachment[];
}

@Injectable()
export class MailService {
  private hydrateEmail?: (row: Record<string, unknown>) => AccountEmail;

  constructor(
    @InjectDb() private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly limits: RateLimits,
    private readonly storage: FileStorage,
  ) {}

  /**
   * Stores the mail, one delivery per recipient and its job in one transaction: the answer never
   * waits on Redis, and a stored mail is always sent (see Outbox).
   */
  async create(principal: OrgPrincipal, accountId: string, dto: CreateAccountEmailDto): Promise<EmailQueuedResponseDto> {
    await this.assertAccount(principal, accountId);
    const scheduledAt = this.scheduleOf(dto);
    const recipients = await this.resolveRecipients(principal, dto.recipients);
    const emailId = await this.queue(principal, {
      accountId,
      subject: dto.subject,
      html: sanitizeMailHtml(dto.html),
      fromAccount: dto.from_account ?? '',
      scheduledAt,
      recipients,
    });
    return {
      status: 'success',
      message: scheduledAt ? `Email scheduled for ${scheduledAt.toISOString()}` : 'Email queued for sending',
      email_id: emailId,
    };
  }

  /**
   * Stores a mail, one delivery per recipient and its job in one transaction (the caller's, when
   * one is in progress): the answer never waits on Redis, and a stored mail is always sent (see
   * Outbox). Other modules queue their mail here (an invoice with its PDF) and get account mail's
   * guarantees and limits; their html is their own and trusted.
   */
  async queue(principal: OrgPrincipal, mail: QueuedMail): Promise<string> {
    const { mailPerOrgMinute, mailPerOrgDay } = this.limits.rules;
    await this.limits.consumeAll([mailPerOrgMinute, mailPerOrgDay], principal.orgId, mail.recipients.length);
    const { recipients, ...fields } = mail;
    return this.db.withTransaction(async () => {
      const email = await this.db.tx.getRepository(AccountEmail).save({
        fromAccount: '',
        scheduledAt: null,
        attachments: [],
        ...fields,
        orgId: principal.orgId,
        createdBy: principal.userId,
      });
      await this.db.tx.getRepository(EmailDelivery).insert(recipients.map((recipient) => ({ emailId: email.id, ...recipient })));
      await this.outbox.add({ name: EMAIL_JOB, payload: { emailId: email.id } satisfies EmailJob, runAt: fields.scheduledAt ?? null });
      this.db.afterCommit(() => this.outbox.kick());
      return email.id;
    });
  }

  /** An account is being deleted (in its transaction): its mails go with it, their files once it has committed. */
  @OnEvent(RECORD_DELETING, { promisify: true, suppressErrors: false })
  async deleteAttachmentsOf({ kind, orgId, id, afterCommit }: RecordDeleting): Promise<void> {
    if (kind !== ACCOUNT_KIND.kind) return;
    const emails = await this.db.tx.getRepository(AccountEmail).find({ where: { orgId, accountId: id }, select: { id: true, attachments: true } });
    const keys = emails.flatMap((email) => email.attachments.map((file) => file.storageKey));
    if (keys.length) afterCommit(async () => {
      for (const key of keys) await this.storage.delete(key);
    });
  }

  /** The mails, with each recipient's status, in the order of `emailIds` (for the records that sent them). */
  async summaries(orgId: string, emailIds: readonly string[]): Promise<AccountEmailResponseDto[]> {
    if (emailIds.length === 0) return [];
    const builder = this.db.tx.getRepository(AccountEmail).createQueryBuilder('email').where('email.orgId = :orgId AND email.id IN (:...emailIds)', { orgId, emailIds: [...emailIds] });
    const deliveries = this.db.tx.getRepository(EmailDelivery).createQueryBuilder('delivery').where('delivery.emailId = email.id').orderBy('delivery.address', 'ASC');
    const read = embedRows(builder, { deliveries: embeddedEntities(deliveries, ['address', 'contactId', 'status', 'attempts', 'lastError', 'sentAt'], (row) => row) });
    const rows = await withStatementText(builder).getRawMany<Record<string, unknown>>();
    this.hydrateEmail ??= rowHydrator(this.db.tx.connection, AccountEmail, 'email');
    const byId = new Map(rows.map((row) => [row.email_id, toResponse(this.hydrateEmail!(row), read(row).deliveries.results)]));
    return emailIds.flatMap((id) => byId.get(id) ?? []);
  }

  async list(principal: OrgPrincipal, accountId: string, query: PaginationQueryDto): Promise<Page<AccountEmailResponseDto>> {
    await this.assertAccount(principal, accountId);
    const [emails, count] = await this.db.tx.getRepository(AccountEmail).findAndCount({
      where: { orgId: principal.orgId, accountId },
      order: { createdOn: 'DESC', id: 'DESC' },
      skip: query.offset,
      take: query.limit,
    });
    const deliveries = emails.length
      ? await this.db.tx.getRepository(EmailDelivery).find({
          where: { emailId: In(emails.map((email) => email.id)) },
          order: { address: 'ASC' },
        })
      : [];
    const results = emails.map((email) => toResponse(email, deliveries.filter((d) => d.emailId === email.id)));
    return toPage(`/api/accounts/${accountId}/emails/`, query, count, results);
  }

  async get(principal: OrgPrincipal, accountId: string, emailId: string): Promise<AccountEmailResponseDto> {
    await this.assertAccount(principal, accountId);
    const email = await this.db.tx.getRepository(AccountEmail).findOneBy({ id: emailId, orgId: principal.orgId, accountId });
    if (!email) throw new NotFoundError('Email');
    const deliveries = await this.db.tx.getRepository(EmailDelivery).find({ where: { emailId }, order: { address: 'ASC' } });
    return toResponse(email, deliveries);
  }

  /**
   * Sends a mail again to recipients it may not have reached (`unknown`: cut off mid-send; or
   * `failed` after its last attempt), all of them or those named: a deliberate act, since an
   * `unknown` one may have arrived. Answers the mail with those recipients queued.
   */
  async resend(principal: OrgPrincipal, accountId: string, emailId: string, dto: ResendAccountEmailDto): Promise<AccountEmailResponseDto> {
    await this.assertAccount(principal, accountId);
    await this.db.withTransaction(async () => {
      const email = await this.db.tx.getRepository(AccountEmail).findOneBy({ id: emailId, orgId: principal.orgId, accountId });
      if (!email) throw new NotFoundError('Email');
      const deliveries = this.db.tx.getRepository(EmailDelivery);
      const open = (await deliveries.findBy({ emailId, status: In([DeliveryStatus.UNKNOWN, DeliveryStatus.FAILED]) })).filter((delivery) =>
        dto.recipients ? dto.recipients.some((address) => address.toLowerCase() === delivery.address) : true,
      );
      const named = dto.recipients?.filter((address) => !open.some((delivery) => delivery.address === address.toLowerCase())) ?? [];
      if (named.length) throw ValidationFailedError.field('recipients', `have no unknown or failed delivery of this mail: ${named.join(', ')}`);
      if (open.length === 0) throw ValidationFailedError.field('recipients', 'this mail has no unknown or failed delivery to resend');
      await deliveries.update({ id: In(open.map((delivery) => delivery.id)) }, { status: DeliveryStatus.QUEUED, attempts: 0, lastError: null });
      await this.outbox.add({ name: EMAIL_JOB, payload: { emailId } satisfies EmailJob });
      this.db.afterCommit(() => this.outbox.kick());
    });
    return this.get(principal, accountId, emailId);
  }

  private async assertAccount(principal: OrgPrincipal, accountId: string): Promise<void> {
    if (!(await this.accounts.canSee(principal, accountId))) throw new NotFoundError('Account');
  }

  private scheduleOf(dto: CreateAccountEmailDto): Date | null {
    if (!dto.scheduled_later) {
      if (dto.scheduled_date_time) {
        throw ValidationFailedError.field('scheduled_date_time', 'is only allowed with scheduled_later: true');
      }
      return null;
    }
    if (!dto.scheduled_date_time) throw ValidationFailedError.field('scheduled_date_time', 'is required when scheduled_later is true');
    const at = new Date(dto.scheduled_date_time);
    if (at.getTime() <= Date.now()) throw ValidationFailedError.field('scheduled_date_time', 'must be in the future');
    return at;
  }

  /** Addresses as given (lower-cased) and contacts the caller may see, by id; duplicates merged. */
  private async resolveRecipients(principal: OrgPrincipal, recipients: string[]) {
    const ids = recipients.filter((value) => isUUID(value));
    const addresses = recipients.filter((value) => !isUUID(value)).map((value) => value.trim().toLowerCase());
    const invalid = addresses.filter((address) => !isPlainAddress(address));
    if (invalid.length) {
      throw ValidationFailedError.field('recipients', `not e-mail addresses or contact ids: ${invalid.join(', ')}`);
    }
    const contacts = ids.length ? await this.contacts.refs(principal, ids) : [];
    const missing = ids.filter((id) => !contacts.some((contact) => contact.id === id.toLowerCase()));
    if (missing.length) throw ValidationFailedError.field('recipients', `unknown in this organization: ${missing.join(', ')}`);
    const byAddress = new Map<string, { address: string; contactId: string | null }>();
    for (const contact of contacts) byAddress.set(contact.primary_email, { address: contact.primary_email, contactId: contact.id });
    for (const address of addresses) if (!byAddress.has(address)) byAddress.set(address, { address, contactId: null });
    return [...byAddress.values()];
  }

  /** One outbox row per person: a quick insert, whatever state Redis is in. */
  @OnEvent(RECORD_ASSIGNED, { promisify: true })
  async queueNotices(event: AssignmentEvent): Promise<void> {
    const eventKey = `${event.kind}:${event.recordId}:${Date.now()}`;
    const notices = event.userIds.map((userId) => ({
      name: NOTICE_JOB,
      payload: {
        orgId: event.orgId,
        userId,
        kind: event.kind,
        recordId: event.recordId,
        recordName: event.recordName,
        eventKey,
      } satisfies AssignmentNotice,
    }));
    await this.outbox.add(...notices);
    this.outbox.kick();
  }
}
