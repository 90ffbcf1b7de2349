import type { AssignmentNotice } from './notice.js';

export const MAIL_QUEUE = 'mail';
export const EMAIL_JOB = 'email';
export const NOTICE_JOB = 'notice';

export interface EmailJob {
  emailId: string;
}

/**
 * Where send work goes: Bull on Redis when REDIS_URL is set (shared by every instance, kept across
 * restarts), else timers in this process. Both run DeliveryService; payloads carry ids only.
 */
export abstract class MailQueue {
  /** Idempotent per mail: queueing the same mail twice runs it once. */
  abstract enqueueEmail(emailId: string, runAt: Date | null): Promise<void>;
  abstract enqueueNotice(notice: AssignmentNotice): Promise<void>;
}

/** Delay before attempt `attempt` (1-based) after a failure: base, 2x base, 4x base... */
export const backoffMs = (baseMs: number, attempt: number) => baseMs * 2 ** Math.max(0, attempt - 1);
