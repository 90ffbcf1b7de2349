import { buffer } from 'node:stream/consumers';
import { In } from 'typeorm';
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
    const email = await this.db.tx.getRepository(AccountEmail).findOneBy({ id: emailId });
    if (!email) return;
    const deliveries = this.db.tx.getRepository(EmailDelivery);
    // A delivery still "sending" belongs to a run that died mid-send (or one whose sent mark never
    // stuck): whether it arrived cannot be known, so it is not sent again by itself.
    await deliveries.update({ emailId, status: DeliveryStatus.SENDING }, { status: DeliveryStatus.UNKNOWN, lastError: INTERRUPTED });
    const { maxAttempts } = this.config.mail;
    const pending = await deliveries
      .createQueryBuilder('delivery')
      .where('delivery.emailId = :emailId', { emailId })
      .andWhere('(delivery.status = :queued OR (delivery.status = :failed AND delivery.attempts < :maxAttempts))', {
        queued: DeliveryStatus.QUEUED,
        failed: DeliveryStatus.FAILED,
        maxAttempts,
      })
      .orderBy('delivery.address')
      .getMany();
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
   * Records that the SMTP server accepted a delivery, retrying until it sticks: within the job for
   * about a minute, then in the background every few seconds while the process lives. A failed mark
   * never turns into a second send; if the process dies first, the delivery shows `unknown`.
   */
  private async markSent(id: string): Promise<void> {
    const mark = () =>
      this.db.tx.getRepository(EmailDelivery).update({ id, status: In([DeliveryStatus.SENDING, DeliveryStatus.UNKNOWN]) }, { status: DeliveryStatus.SENT, sentAt: new Date(), lastError: null });
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
  private async attachmentsOf(email: AccountEmail): Promise<OutgoingMail['attachments']> {
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
    const result = await this.db.tx
      .getRepository(EmailDelivery)
      .createQueryBuilder()
      .update()
      .set({ status: DeliveryStatus.SENDING, attempts: () => 'attempts + 1' })
      .where('id = :id AND status IN (:...open)', { id, open: [DeliveryStatus.QUEUED, DeliveryStatus.FAILED] })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
