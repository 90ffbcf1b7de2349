import { type Db, InjectDb } from '../../common/database/transactions.js';
import { Injectable } from '@nestjs/common';
import { newSecretToken, tokenDigest } from '../../common/auth/secret-token.js';
import { ValidationFailedError } from '../../common/errors/app-error.js';
import { AppConfig } from '../../config/app-config.js';
import { MESSAGE_JOB, type MessageJob } from '../jobs/message-job.js';
import { Outbox } from '../jobs/outbox.js';
import { EmailVerification } from './email-verification.entity.js';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';

const VERIFICATION_TTL_MS = 2 * 24 * 3600 * 1000;

/** Proof that a person reads their mailbox: a token mailed to the address, used once. */
@Injectable()
export class EmailVerificationsService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly users: UsersService,
    private readonly outbox: Outbox,
    private readonly config: AppConfig,
  ) {}

  /** Whether verification mail can be sent at all (an SMTP server is configured). */
  get enabled(): boolean {
    return Boolean(this.config.mail.smtpUrl);
  }

  /** Records a token for the person's address and its mail, in the caller's transaction; call `sent()` after commit. */
  async issue(user: Pick<User, 'id' | 'email'>): Promise<void> {
    if (!this.enabled) return;
    const { token, digest } = newSecretToken('ver');
    const row = await this.db.tx.getRepository(EmailVerification).save({
      userId: user.id,
      email: user.email,
      tokenHash: digest,
      expiresAt: new Date(Date.now() + VERIFICATION_TTL_MS),
    });
    const message: MessageJob = {
      to: user.email,
      subject: 'Confirm your e-mail address',
      text: [
        'Confirm that this is your address:',
        `${this.config.appUrl}/verify-email?token=${encodeURIComponent(token)}`,
        '',
        'Or through the API: POST /api/auth/verify-email/ with this token:',
        token,
        '',
        'If you did not create an account, ignore this mail: nobody can join an organization as you without it.',
      ].join('\n'),
      messageId: `<verification.${row.id}@crm>`,
    };
    await this.outbox.add({ name: MESSAGE_JOB, payload: { ...message } });
  }

  sent(): void {
    if (this.enabled) this.outbox.kick();
  }

  /** Mails a new token to a signed-in person whose address is not verified yet; false when there is nothing to send. */
  async resend(userId: string): Promise<boolean> {
    if (!this.enabled) return false;
    const user = await this.db.tx.getRepository(User).findOneBy({ id: userId });
    if (!user || user.emailVerifiedAt) return false;
    await this.db.withTransaction(() => this.issue(user));
    this.sent();
    return true;
  }

  async verify(token: string): Promise<{ user_id: string; email: string }> {
    return this.db.withTransaction(async () => {
      const row = await this.db.tx
        .getRepository(EmailVerification)
        .findOne({ where: { tokenHash: tokenDigest(token) }, lock: { mode: 'pessimistic_write' } });
      const user = row && (await this.db.tx.getRepository(User).findOneBy({ id: row.userId }));
      // A token proves only the address it was mailed to: not one the account has since lost.
      if (!row || !user || row.usedAt || row.expiresAt <= new Date() || user.email !== row.email) {
        throw ValidationFailedError.field('token', 'is invalid, expired or already used');
      }
      await this.users.markVerified(user.id);
      await this.db.tx.getRepository(EmailVerification).update({ id: row.id }, { usedAt: new Date() });
      return { user_id: user.id, email: user.email };
    });
  }
}
