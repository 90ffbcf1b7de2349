import type { FastifyInstance } from 'fastify';
import { replyWithError } from './reply-error.js';

/** Set once the server has started closing (after the drain): what still arrives is turned away. */
let closing = false;

export function markClosing(): void {
  closing = true;
}

/**
 * A request that reaches a closing server (on a kept-alive connection) answers 503 in the common
 * error body with Retry-After, and closes its connection; Fastify's own answer was a bare 503.
 */
export function refuseWhileClosing(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (!closing) return;
    await replyWithError(request, reply, 503, 'SERVICE_UNAVAILABLE', 'The server is shutting down; retry on another instance', {
      'retry-after': '1',
      connection: 'close',
    });
  });
}
