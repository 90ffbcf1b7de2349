import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { API_KEY_HEADER } from '../../common/openapi/security-schemes.js';
import { UnauthorizedError } from '../../common/errors/app-error.js';
import { RateLimits } from '../throttling/rate-limits.js';
import { ApiSettingsService, type KeyGrant } from '../api-settings/api-settings.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    keyGrant?: KeyGrant;
  }
}

const badKey = () => new UnauthorizedError('INVALID_API_KEY', 'The apikey is missing, unknown or revoked');

/** Web-form intake: a live key in `X-API-Key` or `?apikey=` (401 otherwise), within its per-minute budget (429). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly settings: ApiSettingsService,
    private readonly limits: RateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest<{ Querystring: { apikey?: unknown } }>>();
    const apikey = request.headers[API_KEY_HEADER] ?? request.query.apikey;
    if (typeof apikey !== 'string' || apikey.length === 0 || apikey.length > 200) throw badKey();
    const grant = await this.settings.resolve(apikey);
    if (!grant) throw badKey();
    await this.limits.consumeTelling(context.switchToHttp().getResponse<FastifyReply>(), this.limits.rules.leadIntakePerKey, grant.settingId);
    request.keyGrant = grant;
    return true;
  }
}
