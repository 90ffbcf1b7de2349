/** The job that sends one ready-written e-mail (an invitation, a verification link); MailModule runs it. */
export const MESSAGE_JOB = 'mail.message';

/** A small file carried in the job itself (a calendar invitation, say). */
export interface MessageAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface MessageJob {
  to: string;
  subject: string;
  text: string;
  attachments?: MessageAttachment[];
  /** Stable per message, so a retried job is recognisable as the same mail. */
  messageId: string;
}
