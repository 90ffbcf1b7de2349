import type { Role } from './role.js';

/** Who is calling, as proved by the access token. */
export interface UserPrincipal {
  userId: string;
}

/** Who is calling and in which organization, as resolved from the organization header. */
export interface OrgPrincipal extends UserPrincipal {
  orgId: string;
  profileId: string;
  role: Role;
  /** The organization requires If-Match on every change to a record. */
  requireIfMatch?: boolean;
  /** The server API key the request was made with: it acts as an ADMIN within its scopes, in its creator's name. */
  apiKeyId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: UserPrincipal | OrgPrincipal;
  }
}
