import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config.js';
import { PermanentJobError } from '../jobs/job-queue.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  html?: string;
  text?: string;
  replyTo?: string;
  messageId?: string;
  /** Text carried in a job (an invitation's .ics) or bytes read from storage (an invoice's PDF). */
  attachments?: { filename: string; content: string | Buffer; contentType: string }[];
}

/** Retrying cannot help until an operator sets SMTP_URL. */
export class SmtpNotConfiguredError extends PermanentJobError {

  constructor() {
    super('SMTP is not configured (set SMTP_URL)');
  }
}

/** Sends one message over SMTP_URL with nodemailer; one pooled transport for the process. */
@Injectable()
export class SmtpSender implements OnApplicationShutdown {
  private transporter?: Transporter;

  constructor(private readonly config: AppConfig) {}

  get configured(): boolean {
    return Boolean(this.config.mail.smtpUrl);
  }

  async send(mail: OutgoingMail): Promise<void> {
    const { smtpUrl, from } = this.config.mail;
    if (!smtpUrl) throw new SmtpNotConfiguredError();
    // Pooled: connections are reused across messages instead of one SMTP handshake per recipient.
    // Deadlines on every step, so a stalled SMTP server fails the job instead of holding a worker.
    this.transporter ??= nodemailer.createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: 10,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as object);
    await this.transporter.sendMail({ from, ...mail });
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}
