import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode } from '../errors/error-codes.js';
import { ErrorResponseDto } from './error-response.dto.js';

/** The codes a bare status stands for when a route names no more precise ones. */
const GENERIC: Record<number, ErrorCode[]> = {
  400: ['VALIDATION_FAILED'],
  401: ['TOKEN_MISSING', 'TOKEN_INVALID', 'TOKEN_EXPIRED'],
  403: ['ORG_ACCESS_DENIED'],
  404: ['NOT_FOUND'],
  409: ['CONFLICT'],
  413: ['PAYLOAD_TOO_LARGE'],
  415: ['UNSUPPORTED_MEDIA_TYPE'],
  429: ['RATE_LIMITED'],
};

/** The extension each error response lists its codes in (refine-document.ts completes and describes them). */
export const ERROR_CODES_EXTENSION = 'x-error-codes';

/**
 * Documents the error responses a route can give, all with the common error body: by status (its
 * generic codes) or by code (`'LEAD_ALREADY_CONVERTED'` documents 409 with that code).
 */
export function ApiErrors(...errors: (number | ErrorCode)[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, Set<ErrorCode>>();
  for (const error of errors) {
    const [status, codes] = typeof error === 'number' ? [error, GENERIC[error] ?? []] : [ERROR_CODES[error].status, [error]];
    byStatus.set(status, new Set([...(byStatus.get(status) ?? []), ...codes]));
  }
  return applyDecorators(
    ...[...byStatus].map(([status, codes]) =>
      ApiResponse({ status, type: ErrorResponseDto, [ERROR_CODES_EXTENSION]: [...codes] } as Parameters<typeof ApiResponse>[0]),
    ),
  );
}
