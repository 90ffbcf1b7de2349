import type { FastifyInstance } from 'fastify';
import { replyWithError } from './reply-error.js';

/**
 * At most `limit` requests in progress in this process; one more is answered at once with 503
 * SERVICE_BUSY and Retry-After instead of queueing behind the others, so under a flood the
 * answered requests keep their latency (1,000 clients on a pool of 5 waited up to 27 s). The
 * probes are never shed: a load balancer must still see the instance live and ready.
 */
export function shedLoad(fastify: FastifyInstance, limit: number): void {
  if (limit <= 0) return;
  let inFlight = 0;
  const counted = new WeakSet<object>();
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/health')) return;
    if (inFlight >= limit) {
      await replyWithError(request, reply, 503, 'SERVICE_BUSY', 'The server is at capacity; retry in 1 s', { 'retry-after': '1' });
      return;
    }
    inFlight += 1;
    counted.add(request);
  });
  const release = async (request: object) => {
    if (counted.delete(request)) inFlight -= 1;
  };
  fastify.addHook('onResponse', release);
  fastify.addHook('onRequestAbort', release);
}
