import type { FastifyInstance } from 'fastify';
import { replyWithError } from './reply-error.js';

/**
 * A known path asked with a method it does not take (PATCH on a record) answers 405
 * METHOD_NOT_ALLOWED with `Allow`, instead of a 404 that says the record does not exist. Routes
 * are learned as they are registered; the check runs only for requests no route matched.
 */
export function answerMethodNotAllowed(fastify: FastifyInstance): void {
  const routes: { pattern: RegExp; methods: Set<string> }[] = [];
  fastify.addHook('onRoute', ({ url, method }) => {
    const pattern = new RegExp(`^${url.replace(/\/+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+')}/?$`);
    let route = routes.find((known) => known.pattern.source === pattern.source);
    if (!route) routes.push((route = { pattern, methods: new Set() }));
    for (const one of [method].flat()) route.methods.add(one);
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== undefined) return;
    const path = request.url.split('?')[0];
    const allowed = new Set(routes.filter((route) => route.pattern.test(path)).flatMap((route) => [...route.methods]));
    allowed.delete('OPTIONS');
    if (allowed.size === 0 || allowed.has(request.method)) return;
    const allow = [...allowed].sort().join(', ');
    await replyWithError(request, reply, 405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed here; this path takes ${allow}`, { allow });
  });
}
