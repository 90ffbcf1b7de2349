import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { clientErrorHandler } from './client-errors.js';
import { requestIdFor } from './request-id.js';

const SECRET_QUERY = /([?&](?:apikey|api_key|token)=)[^&]*/gi;

/** The request line without secrets that can travel in a query string (web-form API keys). */
const redactUrl = (url: string) => url.replace(SECRET_QUERY, '$1[redacted]');

/**
 * Fastify with JSON request logs (method, path, status, time, request id: never headers or
 * bodies), request ids, and routes that answer with or without a trailing slash.
 */
export function createFastifyAdapter(logLevel: string, trustProxy = false): FastifyAdapter {
  return new FastifyAdapter({
    logger:
      logLevel === 'silent'
        ? false
        : {
            level: logLevel,
            serializers: {
              req: (request: FastifyRequest) => ({ method: request.method, url: redactUrl(request.url) }),
            },
          },
    genReqId: requestIdFor,
    // Behind a proxy, the client's address (for per-IP rate limits) comes from X-Forwarded-For.
    trustProxy,
    clientErrorHandler,
    routerOptions: { ignoreTrailingSlash: true },
  });
}
