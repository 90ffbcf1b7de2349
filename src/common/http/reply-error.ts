import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../errors/error-body.js';
import type { ErrorCode } from '../errors/error-codes.js';

/**
 * Answers from a Fastify hook, before any route or Nest filter runs, in the common error body
 * (the request id header is already set by configure-app's first hook).
 */
export function replyWithError(request: FastifyRequest, reply: FastifyReply, status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}) {
  return reply
    .code(status)
    .headers(headers)
    .send(errorBody(status, code, message, String(request.id)));
}
