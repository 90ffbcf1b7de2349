import { applyDecorators, type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimits } from './rate-limits.js';

const THROTTLE = 'throttle';

export type ThrottleBy = 'ip' | 'account';

/**
 * Budgets a public route spends: `ip` the caller's address (AUTH_RATE_PER_IP per minute),
 * `account` the e-mail in the body (LOGIN_RATE_PER_ACCOUNT per 15 minutes, whatever the address).
 */
export const Throttle = (...by: ThrottleBy[]) => applyDecorators(SetMetadata(THROTTLE, by), ApiErrors('RATE_LIMITED'));

/**
 * Spends, before the route runs, the caller's budget in its organization (the API key's, else the
 * member's there, so one organization's traffic never spends another's) and the budgets a route
 * declares with @Throttle(); 429 with Retry-After when spent, RateLimit headers on every answer.
 */
@Injectable()
export class ThrottleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const principal = request.principal as { userId: string; orgId?: string; apiKeyId?: string } | undefined;
    if (principal?.orgId) {
      const { perApiKey, perMember } = this.limits.rules;
      await this.limits.consumeTelling(reply, principal.apiKeyId ? perApiKey : perMember, principal.apiKeyId ?? `${principal.userId}:${principal.orgId}`);
    }
    const by = this.reflector.getAllAndOverride<ThrottleBy[] | undefined>(THROTTLE, [context.getHandler(), context.getClass()]);
    if (!by?.length) return true;
    const { authPerIp, loginPerAccount } = this.limits.rules;
    if (by.includes('ip')) await this.limits.consumeTelling(reply, authPerIp, request.ip);
    const email = (request.body as { email?: unknown } | undefined)?.email;
    if (by.includes('account') && typeof email === 'string') await this.limits.consumeTelling(reply, loginPerAccount, email.trim().toLowerCase());
    return true;
  }
}
