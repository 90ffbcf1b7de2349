import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ACCESS_RULE, type AccessRule } from '../../common/auth/access.decorators.js';
import type { UserPrincipal } from '../../common/auth/principal.js';
import { ForbiddenError, UnauthorizedError } from '../../common/errors/app-error.js';
import { MembersService } from '../users/members.service.js';
import { readOrganizationId } from './organization-header.js';

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
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule =
      this.reflector.getAllAndOverride<AccessRule>(ACCESS_RULE, [context.getHandler(), context.getClass()]) ??
      DEFAULT_RULE;
    if (rule.scope === 'public') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user: UserPrincipal }>();
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
