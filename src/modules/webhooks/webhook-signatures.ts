import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new signing secret, as Standard Webhooks writes them: `whsec_` and 24 random bytes in base64. */
export const newWebhookSecret = (): string => `${PREFIX}${randomBytes(24).toString('base64')}`;

/**
 * The `webhook-signature` header of a delivery (Standard Webhooks): `v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">` per secret, space-separated, so a receiver holding either secret of a
 * rotation verifies it. `body` is the exact bytes sent.
 */
export function signatureHeader(secrets: readonly string[], id: string, timestamp: number, body: string): string {
  return secrets
    .map((secret) => {
      const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
      return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
    })
    .join(' ');
}
