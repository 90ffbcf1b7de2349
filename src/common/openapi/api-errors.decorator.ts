import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: the body names each field at fault',
  401: 'Missing, malformed or expired access token',
  403: 'Not allowed in this organization',
  404: 'Not found, or not visible to the caller',
  409: 'Conflicts with existing data or the record state',
  413: 'Body or file too large',
  415: 'Unsupported media type',
  429: 'Rate limited; see Retry-After',
};

/** Documents the error responses a route can give, all with the common error body. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ErrorResponseDto }),
    ),
  );
}
