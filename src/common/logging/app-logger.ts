import type { FastifyRequest } from 'fastify';
import { pino, type Logger } from 'pino';
import { redactUrl } from '../http/redact-url.js';

/**
 * The process's one logger: Fastify's request lines and Nest's application lines both go through
 * it, so every line on stdout is one JSON object of one schema:
 * `{level, time, pid, msg, context?, requestId?, ...fields}` with `level` as a name, not a number.
 */
export function createAppLogger(level: string): Logger {
  return pino({
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    base: { pid: process.pid },
    formatters: { level: (label) => ({ level: label }) },
    // A request is logged by method and path only: never headers, bodies or feed tokens.
    serializers: { req: (request: FastifyRequest) => ({ method: request.method, url: redactUrl(request.url) }) },
  });
}
