import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/**
 * Fastify's request lines, one per request instead of its "incoming" and "completed" pair,
 * written when the response is done: method and path (feed tokens redacted by the logger's `req`
 * serializer), route pattern, status, duration, request id, and the organization and user once
 * authenticated. A 503 is what the server chose to answer under load or an outage: warn, not error.
 */
export class OneLinePerRequest extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // Structurally, so the HTTP layer needs nothing of common/auth (which builds on it).
    const principal = request.principal as { orgId?: string; userId?: string } | undefined;
    const status = reply.statusCode;
    const fields = {
      req: request,
      route: request.routeOptions.url ?? null,
      status,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      orgId: principal?.orgId ?? null,
      userId: principal?.userId ?? null,
      ...(error ? { err: error } : {}),
    };
    if (error || (status >= 500 && status !== 503)) request.log.error(fields, 'request');
    else if (status >= 500) request.log.warn(fields, 'request');
    else request.log.info(fields, 'request');
  }
}
