import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { clientErrorHandler } from './client-errors.js';
import { OneLinePerRequest } from './request-log.js';
import { requestIdFor } from './request-id.js';

export interface HttpOptions {
  /** The app's logger (logging/app-logger.ts); none for a silent server. */
  logger?: Logger;
  trustProxy?: boolean;
  /** The longest a client may take to send a whole request, body included (then 408 and the connection closes). */
  requestTimeoutMs?: number;
}

/** How often Node looks for requests past their time: the cut comes at most this late. */
const TIMEOUT_CHECK_MS = 1000;

/**
 * Fastify on the app's logger, with request ids, routes that answer with or without a trailing
 * slash, and a deadline for receiving a request: Fastify's default of none let a body trickling a byte every few seconds
 * hold its connection forever, before any guard ran.
 */
export function createFastifyAdapter({ logger, trustProxy = false, requestTimeoutMs = 0 }: HttpOptions): FastifyAdapter {
  return new FastifyAdapter({
    requestTimeout: requestTimeoutMs,
    // shutdown.ts answers requests that reach a closing server, in the common error body.
    return503OnClosing: false,
    // Node enforces requestTimeout only while headersTimeout is no longer than it (Node's own 60 s otherwise).
    http: { connectionsCheckingInterval: TIMEOUT_CHECK_MS, ...(requestTimeoutMs > 0 ? { headersTimeout: Math.min(requestTimeoutMs, 60_000) } : {}) },
    ...(logger ? { loggerInstance: logger, logController: new OneLinePerRequest() } : { logger: false }),
    genReqId: requestIdFor,
    // Behind a proxy, the client's address (for per-IP rate limits) comes from X-Forwarded-For.
    trustProxy,
    clientErrorHandler,
    routerOptions: { ignoreTrailingSlash: true },
  });
}
