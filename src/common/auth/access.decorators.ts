import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { ApiErrors } from '../openapi/api-errors.decorator.js';
import { BEARER_SCHEME, ORG_SCHEME, SERVER_KEY_SCHEME } from '../openapi/security-schemes.js';
import { Role } from './role.js';

export const ACCESS_RULE = 'accessRule';
/**
 * What a route needs. A route without a rule is treated as org-scoped by the guard, so
 * forgetting a decorator denies rather than exposes.
 */
export type AccessRule =
  | { scope: 'public' }
  | { scope: 'optional' }
  | { scope: 'user' }
  | { scope: 'org'; roles?: Role[] };

/** No token needed. */
export const Public = () => SetMetadata(ACCESS_RULE, { scope: 'public' } satisfies AccessRule);

/** Anyone; a caller who sends an access token must send a valid one and is then known to the route. */
export const OptionalAuth = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { scope: 'optional' } satisfies AccessRule),
    ApiBearerAuth(BEARER_SCHEME),
    ApiSecurity({}),
    // A server API key acts in its organization's routes only.
    ApiErrors('INSUFFICIENT_SCOPE'),
  );

/** A valid access token, no organization (for example: list or create organizations). */
export const Authenticated = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { scope: 'user' } satisfies AccessRule),
    ApiBearerAuth(BEARER_SCHEME),
    // A server API key acts in its organization's routes only.
    ApiErrors(401, 'INSUFFICIENT_SCOPE'),
  );

/** A valid access token and an active profile in the organization named by the header. */
export const OrgScoped = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { scope: 'org', roles: roles.length ? roles : undefined } satisfies AccessRule),
    // One requirement holding both schemes: the token and the organization header together; or a
    // server API key alone (its organization implied; routes its scopes do not reach answer 403).
    ApiSecurity({ [BEARER_SCHEME]: [], [ORG_SCHEME]: [] }),
    ApiSecurity(SERVER_KEY_SCHEME),
    ApiErrors(
      400,
      401,
      403,
      'ORG_HEADER_REQUIRED',
      'ORG_HEADER_INVALID',
      'API_KEY_INVALID',
      'API_KEY_EXPIRED',
      'API_KEY_REVOKED',
      'INSUFFICIENT_SCOPE',
      ...(roles.length ? (['ROLE_REQUIRED'] as const) : []),
    ),
  );

/** On one route of an `@OrgScoped()` controller: that route needs the ADMIN role (the controller already documents the security). */
export const AdminOnly = () =>
  applyDecorators(SetMetadata(ACCESS_RULE, { scope: 'org', roles: [Role.ADMIN] } satisfies AccessRule), ApiErrors('ROLE_REQUIRED'));
