import { randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { IsNull } from 'typeorm';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { AppConfig } from '../../config/app-config.js';
import { tokenDigest } from '../../common/auth/secret-token.js';
import { UnauthorizedError } from '../../common/errors/app-error.js';
import { RefreshToken } from './refresh-token.entity.js';
import { SessionCache } from './session-cache.js';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
}

export interface AccessTokenPayload {
  sub: string;
  typ: 'access';
  /** The person's session version when signed in; absent in tokens older than it (read as 0). */
  ver?: number;
}

interface RefreshTokenPayload {
  sub: string;
  typ: 'refresh';
  jti: string;
  ver?: number;
}

/** Who a token pair is for. */
export interface TokenSubject {
  id: string;
  sessionVersion: number;
}

const ALGORITHM = 'HS256';
const sameDigest = (a: string, b: string) => timingSafeEqual(Buffer.from(a), Buffer.from(b));

const invalidRefresh = () =>
  new UnauthorizedError('INVALID_REFRESH_TOKEN', 'The refresh token is invalid, expired or revoked');

type RotationOutcome = { kind: 'rotated'; pair: TokenPair } | { kind: 'invalid' } | { kind: 'reused' };

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    @InjectDb() private readonly db: Db,
    private readonly sessions: SessionCache,
  ) {}

  /** Starts a new refresh-token family (a sign-in). */
  issue(subject: TokenSubject): Promise<TokenPair> {
    return this.db.withTransaction(() => this.issueInFamily(subject, randomUUID()));
  }

  /**
   * Exchanges a refresh token for a new pair. A token is good once: presenting it again means it
   * leaked, so every token of its family is revoked and the caller must sign in again.
   */
  async rotate(refreshToken: string): Promise<TokenPair> {
    const payload = await this.verifyRefresh(refreshToken);
    const version = payload.ver ?? 0;
    // A deleted or disabled person, or one whose sessions were ended, cannot refresh.
    if (!(await this.sessions.isAlive(payload.sub, version))) throw invalidRefresh();
    const outcome = await this.db.withTransaction(async (): Promise<RotationOutcome> => {
      const tokens = this.db.tx.getRepository(RefreshToken);
      const row = await tokens.findOne({ where: { id: payload.jti }, lock: { mode: 'pessimistic_write' } });
      if (!row || row.userId !== payload.sub || !sameDigest(row.tokenHash, tokenDigest(refreshToken))) {
        return { kind: 'invalid' };
      }
      const now = new Date();
      if (row.usedAt || row.revokedAt) {
        await tokens.update({ familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: now });
        return { kind: 'reused' };
      }
      if (row.expiresAt <= now) return { kind: 'invalid' };
      await tokens.update({ id: row.id }, { usedAt: now });
      return {
        kind: 'rotated',
        pair: await this.issueInFamily({ id: row.userId, sessionVersion: version }, row.familyId),
      };
    });
    if (outcome.kind === 'reused') {
      throw new UnauthorizedError(
        'REFRESH_TOKEN_REUSED',
        'This refresh token was already used; every session it belongs to has been signed out',
      );
    }
    if (outcome.kind === 'invalid') throw invalidRefresh();
    return outcome.pair;
  }

  private async verifyRefresh(token: string): Promise<RefreshTokenPayload> {
    try {
      const payload = await this.jwt.verifyAsync<RefreshTokenPayload>(token, {
        secret: this.config.jwt.refreshSecret,
        algorithms: [ALGORITHM],
      });
      if (payload.typ !== 'refresh' || typeof payload.jti !== 'string') throw invalidRefresh();
      return payload;
    } catch {
      throw invalidRefresh();
    }
  }

  private async issueInFamily(subject: TokenSubject, familyId: string): Promise<TokenPair> {
    const { accessSecret, refreshSecret, accessTtlSeconds, refreshTtlSeconds } = this.config.jwt;
    const jti = randomUUID();
    const userId = subject.id;
    const accessPayload: AccessTokenPayload = { sub: userId, typ: 'access', ver: subject.sessionVersion };
    const refreshPayload: RefreshTokenPayload = { sub: userId, typ: 'refresh', jti, ver: subject.sessionVersion };
    const [access_token, refresh_token] = await Promise.all([
      this.jwt.signAsync(accessPayload, { secret: accessSecret, expiresIn: accessTtlSeconds, algorithm: ALGORITHM }),
      this.jwt.signAsync(refreshPayload, { secret: refreshSecret, expiresIn: refreshTtlSeconds, algorithm: ALGORITHM }),
    ]);
    await this.db.tx.getRepository(RefreshToken).insert({
      id: jti,
      userId,
      familyId,
      tokenHash: tokenDigest(refresh_token),
      expiresAt: new Date(Date.now() + refreshTtlSeconds * 1000),
    });
    return { access_token, refresh_token };
  }
}
