import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { UserPrincipal } from '../../common/auth/principal.js';
import { AppConfig } from '../../config/app-config.js';
import { SessionCache } from './session-cache.js';
import type { AccessTokenPayload } from './token.service.js';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly sessions: SessionCache,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object made once: given the secret as a string, jsonwebtoken would first try to read it
      // as a public key and then build a secret key from it on every request.
      secretOrKey: createSecretKey(Buffer.from(config.jwt.accessSecret)) as unknown as string,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  /**
   * Returning false makes passport answer 401: a refresh token is not an access token, and the
   * token of a person deleted, disabled or whose sessions were ended no longer counts.
   */
  async validate(payload: AccessTokenPayload): Promise<UserPrincipal | false> {
    if (payload.typ !== 'access' || typeof payload.sub !== 'string') return false;
    if (!(await this.sessions.isAlive(payload.sub, payload.ver ?? 0))) return false;
    return { userId: payload.sub };
  }
}
