import type { IncomingHttpHeaders } from 'node:http';
import { ORG_HEADER, ORG_HEADER_ALIAS } from '../../common/openapi/security-schemes.js';
import { AppError } from '../../common/errors/app-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads `organization-id` (or its alias `org`): missing -> 400, not a UUID -> 400. */
export function readOrganizationId(headers: IncomingHttpHeaders): string {
  const raw = headers[ORG_HEADER] ?? headers[ORG_HEADER_ALIAS];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) {
    throw new AppError(400, 'ORG_HEADER_REQUIRED', `The ${ORG_HEADER} header is required`, {
      [ORG_HEADER]: ['is required'],
    });
  }
  if (!UUID.test(value.trim())) {
    throw new AppError(400, 'ORG_HEADER_INVALID', `The ${ORG_HEADER} header must be a UUID`, {
      [ORG_HEADER]: ['must be a UUID'],
    });
  }
  return value.trim().toLowerCase();
}

/** Whether the request names an organization at all (a key's own is implied). */
export function hasOrganizationHeader(headers: IncomingHttpHeaders): boolean {
  return headers[ORG_HEADER] !== undefined || headers[ORG_HEADER_ALIAS] !== undefined;
}
