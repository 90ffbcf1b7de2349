import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on a loopback port that records what it receives, and can refuse on demand. */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** How many of the next messages to refuse with a temporary failure. */
  refuseNext = 0;
  private server?: SMTPServer;
  url = '';

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.refuseNext > 0) {
            this.refuseNext -= 1;
            const error = Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 });
            callback(error);
            return;
          }
          this.received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    this.url = `smtp://127.0.0.1:${port}`;
    return this;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** A mail's text with quoted-printable soft breaks and escapes undone, so links and tokens read whole. */
export function mailText(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The secret tokens (`inv_...`, `ver_...`) in a mail, in order. */
export function mailedTokens(raw: string, prefix: 'inv' | 'ver'): string[] {
  return [...mailText(raw).matchAll(new RegExp(`\\b${prefix}_[A-Za-z0-9_-]{43}`, 'g'))].map((match) => match[0]);
}

/** Polls until `check` passes or the time is up (work happens in the background queue). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The decoded bytes of the first attachment of this type in a received mail (base64 MIME part). */
export function mailAttachment(raw: string, contentType: string): Buffer {
  const part = raw.split(/\r?\n--/).find((section) => new RegExp(`^content-type: ${contentType}`, 'im').test(section));
  if (!part) throw new Error(`no ${contentType} attachment in the mail`);
  const body = part.slice(part.search(/\r?\n\r?\n/)).replace(/\s+/g, '');
  return Buffer.from(body, 'base64');
}
