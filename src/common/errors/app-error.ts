import { HttpException, HttpStatus } from '@nestjs/common';
import type { ErrorCode } from './error-codes.js';

/** Field name -> reasons, as in the error body's `errors`. */
export type FieldErrors = Record<string, string[]>;

/**
 * A failure the client can act on: an HTTP status, a stable machine-readable code, a sentence,
 * and, where fields are at fault, which fields and why.
 */
export class AppError extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldErrors,
  ) {
    super(message, status);
  }
}

export class ValidationFailedError extends AppError {
  constructor(errors: FieldErrors, message = 'The request has invalid fields') {
    super(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', message, errors);
  }

  static field(field: string, reason: string): ValidationFailedError {
    return new ValidationFailedError({ [field]: [reason] });
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(HttpStatus.NOT_FOUND, 'NOT_FOUND', `${what} not found`);
  }
}

export class ConflictError extends AppError {
  constructor(code: ErrorCode, message: string, errors?: FieldErrors) {
    super(HttpStatus.CONFLICT, code, message, errors);
  }
}

export class UnauthorizedError extends AppError {
  constructor(code: ErrorCode, message: string) {
    super(HttpStatus.UNAUTHORIZED, code, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(code: ErrorCode, message: string) {
    super(HttpStatus.FORBIDDEN, code, message);
  }
}

/** A temporary refusal the client should retry after `retryAfterSeconds` (sent as Retry-After). */
export interface RetryableError {
  retryAfterSeconds: number;
}

/** The database is saturated (no connection free in time, or a statement ran too long). */
export class ServiceBusyError extends AppError implements RetryableError {
  constructor(readonly retryAfterSeconds = 2) {
    super(HttpStatus.SERVICE_UNAVAILABLE, 'SERVICE_BUSY', `The service is busy; retry in ${retryAfterSeconds} s`);
  }
}

export class RateLimitedError extends AppError implements RetryableError {
  constructor(readonly retryAfterSeconds: number) {
    super(HttpStatus.TOO_MANY_REQUESTS, 'RATE_LIMITED', `Too many requests; retry in ${retryAfterSeconds} s`);
  }
}
