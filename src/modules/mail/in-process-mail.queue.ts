import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { DeliveryService, RetryLaterError } from './delivery.service.js';
import { backoffMs, MailQueue } from './mail-queue.js';
import { SmtpNotConfiguredError } from './smtp-sender.js';
import type { AssignmentNotice } from './notice.js';

/**
 * The queue without Redis: timers in this process, with the same retries and backoff as Bull.
 * Jobs do not survive a restart here, but mails do: MailService re-queues unsent ones at start.
 */
@Injectable()
export class InProcessMailQueue extends MailQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(InProcessMailQueue.name);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly deliveries: DeliveryService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async enqueueEmail(emailId: string, runAt: Date | null): Promise<void> {
    const key = `email:${emailId}`;
    if (this.timers.has(key)) return;
    this.schedule(key, runAt ? runAt.getTime() - Date.now() : 0, 1, () => this.deliveries.deliverEmail(emailId));
  }

  async enqueueNotice(notice: AssignmentNotice): Promise<void> {
    const key = `notice:${notice.eventKey}:${notice.userId}`;
    if (this.timers.has(key)) return;
    this.schedule(key, 0, 1, () => this.deliveries.deliverNotice(notice));
  }

  /** Waits for jobs already running; pending timers are dropped (their mails are re-queued at start). */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private schedule(key: string, delayMs: number, attempt: number, work: () => Promise<void>): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      const run = work()
        .catch((error: unknown) => {
          const { maxAttempts, retryDelayMs } = this.config.mail;
          const retriable = error instanceof RetryLaterError || !(error instanceof SmtpNotConfiguredError);
          if (retriable && attempt < maxAttempts) {
            this.schedule(key, backoffMs(retryDelayMs, attempt), attempt + 1, work);
          } else {
            this.logger.error({ key, attempt, error: String(error) }, 'Mail job failed for good');
          }
        })
        .finally(() => this.running.delete(run));
      this.running.add(run);
    }, Math.max(0, delayMs));
    timer.unref();
    this.timers.set(key, timer);
  }
}
