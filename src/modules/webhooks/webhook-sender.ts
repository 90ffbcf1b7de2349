import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, RefusedAddressError } from './webhook-addresses.js';
import { signatureHeader } from './webhook-signatures.js';

/** What one delivery attempt came to. */
export interface Attempt {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  succeeded: boolean;
  /** Whether trying again can help: network errors (a refused address too: DNS may change back), timeouts, 408, 429, 5xx. */
  retryable: boolean;
  /** The receiver answered 410 Gone: stop sending to it. */
  gone: boolean;
}

export interface Delivery {
  url: string;
  secrets: readonly string[];
  eventId: string;
  body: string;
}

/** Reads at most this much of a receiver's answer: it is not kept, only waited for. */
const MAX_ANSWER_BYTES = 64 * 1024;

const retryableStatus = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * POSTs one signed event. Redirects are not followed (a receiver must answer where it is), the
 * address is checked at connection (guardedLookup), and the whole exchange is bounded by `timeoutMs`.
 */
export function send(delivery: Delivery, options: { timeoutMs: number; allowPrivateNetworks: boolean }): Promise<Attempt> {
  const started = performance.now();
  const timestamp = Math.floor(Date.now() / 1000);
  const url = new URL(delivery.url);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Attempt>((resolve) => {
    let settled = false;
    const finish = (statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const succeeded = statusCode !== null && statusCode >= 200 && statusCode < 300;
      resolve({
        statusCode,
        durationMs: Math.round(performance.now() - started),
        error: succeeded ? null : (error ?? `answered ${statusCode}`),
        succeeded,
        retryable: statusCode === null || retryableStatus(statusCode),
        gone: statusCode === 410,
      });
    };
    const outgoing = request(
      url,
      {
        method: 'POST',
        lookup: guardedLookup(options.allowPrivateNetworks) as never,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(delivery.body),
          'user-agent': 'crm-api-webhooks/1',
          'webhook-id': delivery.eventId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatureHeader(delivery.secrets, delivery.eventId, timestamp, delivery.body),
        },
      },
      (answer) => {
        let read = 0;
        answer.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) answer.destroy();
        });
        answer.on('close', () => finish(answer.statusCode ?? null, null));
        answer.on('error', () => finish(answer.statusCode ?? null, null));
      },
    );
    const timer = setTimeout(() => {
      outgoing.destroy();
      finish(null, `no answer within ${options.timeoutMs} ms`);
    }, options.timeoutMs);
    outgoing.on('error', (error) => finish(null, error instanceof RefusedAddressError ? `refused: ${error.message}` : error.message));
    outgoing.end(delivery.body);
  });
}
