import { buffer } from 'node:stream/consumers';
import { Injectable, Logger } from '@nestjs/common';
import { FileStorage } from '../files/file-storage.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { AppConfig } from '../../config/app-config.js';
import { MembersService } from '../users/members.service.js';
import { AccountEmail } from './account-email.entity.js';
import { DeliveryStatus, EmailDelivery } from './email-delivery.entity.js';
import { MessageSend, MessageSendStatus } from './message-send.entity.js';
import { type AssignmentNotice, noticeMessage } from './notice.js';
import { type OutgoingMail, SmtpNotConfiguredError, SmtpSender } from './smtp-sender.js';

export const INTERRUPTED = 'interrupted while sending: it may or may not have arrived, so it is not retried by itself (resend it deliberately)';

/** After the SMTP server accepted a mail, how long its `sent` mark is retried within the job (then in the background). */
const SENT_MARK_RETRY_MS = [250, 500, 1000, 2000, 4000, 8000, 15_000, 30_000];
const SENT_MARK_BACKGROUND_MS = 5000;

type OwedMail = Pick<AccountEmail, 'subject' | 'html' | 'fromAccount' | 'attachments'>;
type OwedDelivery = Pick<EmailDelivery, 'id' | 'address' | 'attempts'>;

/** Thrown when some recipients failed but may succeed later: the queue retries the job. */
export class RetryLaterError extends Error {}

/**
 * Sends a stored mail to its recipients. Each delivery is claimed (status sending, attempts + 1)
 * before its SMTP transaction and settled (sent or failed) after, so a retried or re-run job sends
 * only to recipients that have not had it.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);

  constructor(
    @InjectDb() private readonly db: Db,
    private readonly smtp: SmtpSender,
    private readonly members: MembersService,
    private readonly config: AppConfig,
    private readonly storage: FileStorage,
  ) {}

  async deliverEmail(emailId: string): Promise<void> {
    const owed = await this.owedDeliveries(emailId);
    if (!owed) return;
    const { email, pending } = owed;
    const { maxAttempts } = this.config.mail;
    const deliveries = this.db.tx.getRepository(EmailDelivery);
    const attachments = pending.length ? await this.attachmentsOf(email) : [];
    let retry = false;
    for (const delivery of pending) {
      if (!(await this.claim(delivery.id))) continue;
      try {
        await this.smtp.send({
          to: delivery.address,
          subject: email.subject,
          html: email.html,
          replyTo: email.fromAccount || undefined,
          messageId: `<${delivery.id}@crm>`,
          attachments,
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await deliveries.update({ id: delivery.id }, { status: DeliveryStatus.FAILED, lastError: message.slice(0, 1000) });
        if (!(error instanceof SmtpNotConfiguredError) && delivery.attempts + 1 < maxAttempts) retry = true;
        this.logger.warn({ emailId, deliveryId: delivery.id, error: message }, 'Delivery failed');
        continue;
      }
      // Accepted by the SMTP server: from here on it is never sent again, only marked.
      await this.markSent(delivery.id);
      this.logger.log({ emailId, deliveryId: delivery.id }, 'Mail sent');
    }
    if (retry) throw new RetryLaterError(`Some recipients of ${emailId} failed; retrying`);
  }

  /**
   * The mail and the deliveries it still owes (queued, or failed with attempts left), in address
   * order, in one statement that also marks unknown any delivery still "sending": it belongs to a
   * run that died mid-send (or one whose sent mark never stuck), and whether it arrived cannot be
   * known, so it is not sent again by itself. Null when the mail is gone.
   */
  private async owedDeliveries(emailId: string): Promise<{ email: OwedMail; pending: OwedDelivery[] } | null> {
    const rows: (OwedMail & { id: string | null; address: string; attempts: number })[] = await this.db.tx.query(
      `WITH interrupted AS (
         UPDATE email_deliveries SET status = 'unknown', last_error = $3 WHERE email_id = $1 AND status = 'sending'
       )
       SELECT e.subject, e.html, e.from_account AS "fromAccount", e.attachments, d.id, d.address, d.attempts
       FROM account_emails e
       LEFT JOIN email_deliveries d ON d.email_id = e.id AND (d.status = 'queued' OR (d.status = 'failed' AND d.attempts < $2))
       WHERE e.id = $1
       ORDER BY d.address`,
      [emailId, this.config.mail.maxAttempts, INTERRUPTED],
    );
    if (rows.length === 0) return null;
    const [{ subject, html, fromAccount, attachments }] = rows;
    const pending = rows.flatMap(({ id, address, attempts }) => (id ? [{ id, address, attempts }] : []));
    return { email: { subject, html, fromAccount, attachments }, pending };
  }

  /**
   * Records that the SMTP server accepted a delivery, retrying until it sticks: within the job for
   * about a minute, then in the background every few seconds while the process lives. A failed mark
   * never turns into a second send; if the process dies first, the delivery shows `unknown`.
   */
  private async markSent(id: string): Promise<void> {
    const mark = () =>
      this.db.tx.query(`UPDATE email_deliveries SET status = 'sent', sent_at = $2, last_error = NULL WHERE id = $1 AND status IN ('sending', 'unknown')`, [id, new Date()]);
    for (const wait of [0, ...SENT_MARK_RETRY_MS]) {
      if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        await mark();
        return;
      } catch (error) {
        this.logger.warn({ deliveryId: id, error: String(error) }, 'Could not mark a sent mail as sent yet; retrying');
      }
    }
    const timer = setInterval(() => {
      mark().then(() => clearInterval(timer), () => undefined);
    }, SENT_MARK_BACKGROUND_MS);
    timer.unref();
  }

  /** Tells one member about an assignment; a member who left or was deactivated is skipped. */
  async deliverNotice(notice: AssignmentNotice): Promise<void> {
    // Notices are a courtesy: without SMTP there is nothing to do and nothing to report.
    if (!this.smtp.configured) return;
    const [person] = await this.members.refs(notice.orgId, [notice.userId]);
    const active = await this.members.activeMemberIds(notice.orgId, [notice.userId]);
    if (!person || active.length === 0) return;
    const { subject, text } = noticeMessage(notice);
    await this.smtp.send({ to: person.email, subject, text, messageId: `<${notice.eventKey}.${notice.userId}@crm>` });
  }

  /**
   * Sends a message written by another module (an invitation, a verification link) once: claimed
   * by its Message-ID before the SMTP transaction, marked sent after. A claim found still
   * "sending" belongs to a run that died mid-send: its outcome is unknown, so it is not sent again
   * (and logged); a failed send is retried by the queue.
   */
  async deliverMessage(message: OutgoingMail & { messageId: string }): Promise<void> {
    const claimed: { attempts: number }[] = await this.db.tx.query(
      `INSERT INTO message_sends (message_id, status) VALUES ($1, 'sending')
       ON CONFLICT (message_id) DO UPDATE SET status = 'sending', attempts = message_sends.attempts + 1, updated_on = now()
         WHERE message_sends.status = 'failed'
       RETURNING attempts`,
      [message.messageId],
    );
    if (claimed.length === 0) {
      const [held] = await this.db.tx.getRepository(MessageSend).findBy({ messageId: message.messageId });
      if (held?.status === MessageSendStatus.SENDING) this.logger.warn({ messageId: message.messageId }, `Message not sent again: ${INTERRUPTED}`);
      return;
    }
    try {
      await this.smtp.send(message);
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      await this.db.tx.getRepository(MessageSend).update({ messageId: message.messageId }, { status: MessageSendStatus.FAILED, lastError: reason });
      throw error;
    }
    await this.db.tx.getRepository(MessageSend).update({ messageId: message.messageId }, { status: MessageSendStatus.SENT, lastError: null });
  }

  /** The mail's files, read once for all its recipients (they are small: an invoice's PDF). */
  private async attachmentsOf(email: OwedMail): Promise<OutgoingMail['attachments']> {
    return Promise.all(
      email.attachments.map(async (file) => ({
        filename: file.fileName,
        contentType: file.contentType,
        content: await buffer(await this.storage.open(file.storageKey)),
      })),
    );
  }

  /** Marks one delivery as being sent, only if no other run has it; false if it was taken. */
  private async claim(id: string): Promise<boolean> {
    const [, claimed] = (await this.db.tx.query(
      `UPDATE email_deliveries SET status = 'sending', attempts = attempts + 1 WHERE id = $1 AND status IN ('queued', 'failed')`,
      [id],
    )) as [unknown, number];
    return claimed > 0;
  }
}
