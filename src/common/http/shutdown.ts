import type { FastifyInstance } from 'fastify';
import { REQUEST_ID_HEADER } from './request-id.js';

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
    const body = { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'The server is shutting down; retry on another instance', requestId: String(request.id) };
    await reply.code(503).header('retry-after', '1').header('connection', 'close').header(REQUEST_ID_HEADER, request.id).send(body);
  });
}
