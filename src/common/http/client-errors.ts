import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { errorBody } from '../errors/error-body.js';
import type { ErrorCode } from '../errors/error-codes.js';
import { REQUEST_ID_HEADER } from './request-id.js';

const BY_NODE_CODE: Record<string, { status: number; code: ErrorCode; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'REQUEST_HEADERS_TOO_LARGE',
    message: 'The request line and headers exceed 16 KiB (a URL that long carries filters better sent in fewer words)',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'REQUEST_TIMEOUT', message: 'The request was not received in time' },
};

/**
 * Requests Node rejects before Fastify sees them (headers too large, malformed, too slow) get the
 * API's error body with a request id, like every other error, instead of Fastify's own shape.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = BY_NODE_CODE[error.code ?? ''] ?? { status: 400, code: 'BAD_REQUEST' as const, message: 'The request is not valid HTTP' };
  const requestId = randomUUID();
  const body = JSON.stringify(errorBody(known.status, known.code, known.message, requestId));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n${REQUEST_ID_HEADER}: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
