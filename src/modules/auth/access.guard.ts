import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ACCESS_RULE, type AccessRule } from '../../common/auth/access.decorators.js';
import type { UserPrincipal } from '../../common/auth/principal.js';
import { ForbiddenError, UnauthorizedError } from '../../common/errors/app-error.js';
import { MembersService } from '../users/members.service.js';
import { Role } from '../../common/auth/role.js';
import { grants, requiredScope } from '../api-keys/api-key-scopes.js';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { hasOrganizationHeader, readOrganizationId } from './organization-header.js';

/** A server API key (`crm_...`) sent as the bearer token or as X-API-Key. */
function serverKeyOf(headers: FastifyRequest['headers']): string | undefined {
  const bearer = /^Bearer (crm_\S+)$/.exec(headers.authorization ?? '')?.[1];
  const header = headers['x-api-key'];
  return bearer ?? (typeof header === 'string' && header ? header : undefined);
}

const DEFAULT_RULE: AccessRule = { scope: 'org' };

/**
 * The one global guard: a valid access token unless the route is @Public(), then, unless it is
 * only @Authenticated(), an active profile in the organization named by the header.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly members: MembersService,
    private readonly apiKeys: ApiKeysService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule =
      this.reflector.getAllAndOverride<AccessRule>(ACCESS_RULE, [context.getHandler(), context.getClass()]) ??
      DEFAULT_RULE;
    if (rule.scope === 'public') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user: UserPrincipal }>();
    const secret = serverKeyOf(request.headers);
    if (secret) return this.asApiKey(request, rule, secret);
    if (rule.scope === 'optional' && !request.headers.authorization) return true;

    await super.canActivate(context);
    const { userId } = request.user;
    request.principal = { userId };
    if (rule.scope !== 'org') return true;

    const orgId = readOrganizationId(request.headers);
    const membership = await this.members.findActiveMembership(userId, orgId);
    if (!membership) {
      throw new ForbiddenError('ORG_ACCESS_DENIED', 'You are not an active member of this organization');
    }
    if (rule.roles && !rule.roles.includes(membership.role)) {
      throw new ForbiddenError('ROLE_REQUIRED', `This action needs the role ${rule.roles.join(' or ')}`);
    }
    request.principal = { userId, orgId, ...membership };
    return true;
  }

  /**
   * A request made with a server API key: the key implies its organization (a header naming another
   * is 403), acts as an ADMIN of it in its creator's name, and only on routes its scopes reach.
   */
  private async asApiKey(request: FastifyRequest, rule: AccessRule, secret: string): Promise<boolean> {
    const key = await this.apiKeys.authenticate(secret);
    if (hasOrganizationHeader(request.headers) && readOrganizationId(request.headers) !== key.orgId) {
      throw new ForbiddenError('ORG_ACCESS_DENIED', 'The API key belongs to another organization than the organization-id header names');
    }
    const needed = rule.scope === 'org' ? requiredScope(request.method, request.routeOptions.url ?? '') : null;
    if (!needed) throw new ForbiddenError('INSUFFICIENT_SCOPE', 'API keys cannot use this route: it needs a member’s sign-in');
    if (!grants(key.scopes, needed)) throw new ForbiddenError('INSUFFICIENT_SCOPE', `The API key needs the scope ${needed} for this route`);
    // Its writes are its creator's: a key outlives no one who left the organization.
    const membership = key.createdBy ? await this.members.findActiveMembership(key.createdBy, key.orgId) : null;
    if (!membership) throw new UnauthorizedError('API_KEY_INVALID', 'The member who created the API key is no longer in the organization');
    request.principal = { userId: key.createdBy!, orgId: key.orgId, ...membership, role: Role.ADMIN, apiKeyId: key.keyId };
    return true;
  }

  /** Passport's reasons become the contract's 401 body instead of a bare "Unauthorized". */
  override handleRequest<T>(error: unknown, user: T | false, info: unknown): T {
    // A failure while checking the token (the database busy, say) is not the caller's fault: no 401.
    if (error) throw error;
    if (!user) {
      if (info instanceof Error && info.name === 'TokenExpiredError') {
        throw new UnauthorizedError('TOKEN_EXPIRED', 'The access token has expired');
      }
      if (info instanceof Error && info.message === 'No auth token') {
        throw new UnauthorizedError('TOKEN_MISSING', 'An Authorization: Bearer <access_token> header is required');
      }
      throw new UnauthorizedError('TOKEN_INVALID', 'The access token is invalid');
    }
    return user;
  }
}
