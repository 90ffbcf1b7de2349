import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { DeliveryService } from './delivery.service.js';
import { EMAIL_JOB, type EmailJob, MAIL_QUEUE, MailQueue, NOTICE_JOB } from './mail-queue.js';
import type { AssignmentNotice } from './notice.js';

/** Jobs in Redis: shared by every API instance, kept across restarts, each run once. */
@Injectable()
export class BullMailQueue extends MailQueue {
  constructor(@InjectQueue(MAIL_QUEUE) private readonly queue: Queue) {
    super();
  }

  async enqueueEmail(emailId: string, runAt: Date | null): Promise<void> {
    const delay = runAt ? Math.max(0, runAt.getTime() - Date.now()) : 0;
    // The mail id is the job id: queueing it again while it waits or runs is a no-op.
    await this.queue.add(EMAIL_JOB, { emailId } satisfies EmailJob, { jobId: `email:${emailId}`, delay });
  }

  async enqueueNotice(notice: AssignmentNotice): Promise<void> {
    await this.queue.add(NOTICE_JOB, notice, { jobId: `notice:${notice.eventKey}:${notice.userId}` });
  }
}

/** Thin: the work is in DeliveryService, shared with the in-process queue. */
@Processor(MAIL_QUEUE)
export class MailProcessor {
  constructor(private readonly deliveries: DeliveryService) {}

  @Process({ name: EMAIL_JOB, concurrency: 5 })
  async sendEmail(job: Job<EmailJob>): Promise<void> {
    await this.deliveries.deliverEmail(job.data.emailId);
  }

  @Process({ name: NOTICE_JOB, concurrency: 2 })
  async sendNotice(job: Job<AssignmentNotice>): Promise<void> {
    await this.deliveries.deliverNotice(job.data);
  }
}
