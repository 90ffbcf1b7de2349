/** The job that sends one ready-written e-mail (an invitation, a verification link); MailModule runs it. */
export const MESSAGE_JOB = 'mail.message';

export interface MessageJob {
  to: string;
  subject: string;
  text: string;
  /** Stable per message, so a retried job is recognisable as the same mail. */
  messageId: string;
}
