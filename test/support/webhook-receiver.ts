import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/**
 * A real HTTP server on a loopback port that records every POST it gets (headers and exact body)
 * and answers with the statuses queued in `answers`, then 200.
 */
export class WebhookReceiver {
  readonly received: ReceivedHook[] = [];
  answers: number[] = [];
  private server?: Server;
  url = '';

  async start(port = 0): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const status = this.answers.shift() ?? 200;
        this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
    return this;
  }

  /** The events received with a 2xx answer, parsed. */
  delivered<T = { seq: number; type: string; id: string }>(): T[] {
    return this.received.filter(({ status }) => status < 300).map(({ body }) => JSON.parse(body) as T);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }
}
