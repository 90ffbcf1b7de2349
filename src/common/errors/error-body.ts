import { HttpException, HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { ErrorCode } from './error-codes.js';
import { AppError, type FieldErrors, type RetryableError, ServiceBusyError } from './app-error.js';

export interface ErrorBody {
  /** Always true: Django-CRM's clients test `res.error` after every save. */
  error: true;
  statusCode: number;
  code: ErrorCode;
  message: string;
  errors?: FieldErrors;
  requestId: string;
}

/** The one error body every path answers (filters, Fastify hooks, Node's client errors). */
export function errorBody(status: number, code: ErrorCode, message: string, requestId: string, errors?: FieldErrors): ErrorBody {
  return { error: true, statusCode: status, code, message, ...(errors ? { errors } : {}), requestId };
}

/** The code of an error that carries none of its own (Nest's and Fastify's), by status. */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'REQUEST_HEADERS_TOO_LARGE',
  503: 'SERVICE_UNAVAILABLE',
};

const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';
const PG_INVALID_TEXT = '22P02';
const PG_NUMERIC_OUT_OF_RANGE = '22003';
const PG_STRING_TOO_LONG = '22001';
const PG_NOT_NULL_VIOLATION = '23502';
const PG_BAD_CHARACTER = '22021';
const PG_QUERY_CANCELED = '57014';
const PG_LOCK_NOT_AVAILABLE = '55P03';
/** The database is away (stopped, restarting, unreachable), not the request at fault: 503, retry. */
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
// Not ECONNRESET: that is also a client cutting its own upload (REQUEST_ABORTED); a reset database socket says "Connection terminated".
const NET_UNAVAILABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);
const LOST_CONNECTION = /Connection terminated|connection (?:ended|closed)|terminating connection|the database system is (?:starting up|shutting down)/i;

/** Whether `error` says the database could not be reached or went away mid-statement. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const cause = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (PG_UNAVAILABLE.has(code) || NET_UNAVAILABLE.has(code))) return true;
  const errors = (cause as { errors?: unknown } | null)?.errors;
  if (Array.isArray(errors) && errors.some(isDatabaseUnavailable)) return true;
  return cause instanceof Error && LOST_CONNECTION.test(cause.message) && !POOL_TIMEOUT.test(cause.message);
}

/** What pg-pool says when no connection came free within DATABASE_ACQUIRE_TIMEOUT_MS. */
const POOL_TIMEOUT = /timeout exceeded when trying to connect|Connection terminated due to connection timeout/;

function codeFor(status: number): ErrorCode {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
}

function httpExceptionMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Errors thrown by Fastify itself (body parsing, limits) carry a 4xx statusCode and an FST_ code. */
function isClientFrameworkError(error: unknown): error is Error & { statusCode: number } {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return error instanceof Error && typeof status === 'number' && status >= 400 && status < 500;
}

export interface MappedError {
  status: number;
  body: ErrorBody;
  /** For Retry-After, on 429 and 503. */
  retryAfterSeconds?: number;
  /** True when the error is a bug and must be logged with its stack. */
  unexpected: boolean;
}

/** Turns anything thrown while serving a request into the contract's error body. */
export function toErrorBody(error: unknown, requestId: string): MappedError {
  const make = (status: number, code: ErrorCode, message: string, errors?: FieldErrors) => ({
    status,
    unexpected: status >= 500,
    body: errorBody(status, code, message, requestId, errors),
  });

  if (error instanceof AppError) {
    const retryAfterSeconds = (error as Partial<RetryableError>).retryAfterSeconds;
    return { ...make(error.getStatus(), error.code, error.message, error.errors), retryAfterSeconds };
  }
  // A statement past DATABASE_STATEMENT_TIMEOUT_MS, or no pooled connection in time: busy, not broken.
  const pgCode = error instanceof QueryFailedError ? (error.driverError as { code?: string } | undefined)?.code : undefined;
  if (pgCode === PG_QUERY_CANCELED || pgCode === PG_LOCK_NOT_AVAILABLE || (error instanceof Error && POOL_TIMEOUT.test(error.message))) {
    const busy = new ServiceBusyError();
    return { ...make(busy.getStatus(), busy.code, busy.message), retryAfterSeconds: busy.retryAfterSeconds };
  }
  if (isDatabaseUnavailable(error)) {
    return { ...make(HttpStatus.SERVICE_UNAVAILABLE, 'DATABASE_UNAVAILABLE', 'The database cannot be reached; retry shortly'), unexpected: false, retryAfterSeconds: 5 };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const message = status >= 500 ? 'Internal server error' : httpExceptionMessage(error);
    return make(status, codeFor(status), message);
  }
  if (error instanceof QueryFailedError) {
    const pgCode = (error.driverError as { code?: string } | undefined)?.code;
    if (pgCode === PG_UNIQUE_VIOLATION) {
      return make(HttpStatus.CONFLICT, 'CONFLICT', 'A record with the same unique value already exists');
    }
    if (pgCode === PG_FOREIGN_KEY_VIOLATION) {
      return make(HttpStatus.CONFLICT, 'CONFLICT', 'A referenced record does not exist or is still in use');
    }
    // Validation should stop these first; this keeps a missed case a 400, not a 500.
    if ([PG_INVALID_TEXT, PG_NUMERIC_OUT_OF_RANGE, PG_STRING_TOO_LONG, PG_BAD_CHARACTER].includes(pgCode ?? '')) {
      return make(HttpStatus.BAD_REQUEST, 'BAD_REQUEST', 'A value has an invalid format or is out of range');
    }
    if (pgCode === PG_NOT_NULL_VIOLATION) {
      return make(HttpStatus.BAD_REQUEST, 'BAD_REQUEST', 'A required value is missing');
    }
  }
  // The client went away mid-request (an aborted upload): nobody will read the answer, and it is no bug.
  if ((error as { code?: unknown } | null)?.code === 'ECONNRESET') {
    return make(HttpStatus.BAD_REQUEST, 'REQUEST_ABORTED', 'The client closed the connection before the request was complete');
  }
  if (isClientFrameworkError(error)) {
    return make(error.statusCode, codeFor(error.statusCode), error.message);
  }
  return make(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL_ERROR', 'Internal server error');
}
