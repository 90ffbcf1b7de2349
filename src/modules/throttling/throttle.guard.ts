import { applyDecorators, type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { RateLimits } from './rate-limits.js';

const THROTTLE = 'throttle';

export type ThrottleBy = 'ip' | 'account';

/**
 * Budgets a public route spends: `ip` the caller's address (AUTH_RATE_PER_IP per minute),
 * `account` the e-mail in the body (LOGIN_RATE_PER_ACCOUNT per 15 minutes, whatever the address).
 */
export const Throttle = (...by: ThrottleBy[]) => applyDecorators(SetMetadata(THROTTLE, by), ApiErrors('RATE_LIMITED'));

/** Spends the budgets a route declares with @Throttle(), before the route runs (429 with Retry-After when spent). */
@Injectable()
export class ThrottleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const by = this.reflector.getAllAndOverride<ThrottleBy[] | undefined>(THROTTLE, [context.getHandler(), context.getClass()]);
    if (!by?.length) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const { authPerIp, loginPerAccount } = this.limits.rules;
    if (by.includes('ip')) await this.limits.consume(authPerIp, request.ip);
    const email = (request.body as { email?: unknown } | undefined)?.email;
    if (by.includes('account') && typeof email === 'string') {
      await this.limits.consume(loginPerAccount, email.trim().toLowerCase());
    }
    return true;
  }
}
