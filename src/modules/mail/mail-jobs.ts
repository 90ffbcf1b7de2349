import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MESSAGE_JOB, type MessageJob } from '../jobs/message-job.js';
import { Outbox } from '../jobs/outbox.js';
import { DeliveryService } from './delivery.service.js';
import type { AssignmentNotice } from './notice.js';

export const EMAIL_JOB = 'mail.email';
export const NOTICE_JOB = 'mail.notice';

export interface EmailJob {
  emailId: string;
}

/** Thin: the work is in DeliveryService. Payloads carry ids, or a message that is already written. */
@Injectable()
export class MailJobs implements OnModuleInit {
  constructor(
    private readonly outbox: Outbox,
    private readonly deliveries: DeliveryService,
  ) {}

  onModuleInit(): void {
    this.outbox.handle<EmailJob>(EMAIL_JOB, 10, ({ emailId }) => this.deliveries.deliverEmail(emailId));
    this.outbox.handle<AssignmentNotice>(NOTICE_JOB, 2, (notice) => this.deliveries.deliverNotice(notice));
    this.outbox.handle<MessageJob>(MESSAGE_JOB, 2, (message) => this.deliveries.deliverMessage(message));
  }
}
