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
  async issue(subject: TokenSubject): Promise<TokenPair> {
    return (await this.db.withTransaction(() => this.issueInFamily(subject, randomUUID()))).pair;
  }

  /**
   * Exchanges a refresh token for a new pair. A token is good once: presented again within
   * REFRESH_TOKEN_REUSE_GRACE_SECONDS of its use (two workers refreshing at once, a retried
   * request), it answers the same pair as the first time; later, it means the token leaked, so
   * every token of its family is revoked and the caller must sign in again.
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
      if (row.usedAt && !row.revokedAt && row.successorId && now.getTime() - row.usedAt.getTime() <= this.config.jwt.reuseGraceSeconds * 1000) {
        const successor = await tokens.findOneBy({ id: row.successorId });
        if (successor && !successor.revokedAt) return { kind: 'rotated', pair: await this.signPair(row.userId, version, successor.id, successor.expiresAt) };
      }
      if (row.usedAt || row.revokedAt) {
        await tokens.update({ familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: now });
        return { kind: 'reused' };
      }
      if (row.expiresAt <= now) return { kind: 'invalid' };
      const { pair, jti } = await this.issueInFamily({ id: row.userId, sessionVersion: version }, row.familyId);
      await tokens.update({ id: row.id }, { usedAt: now, successorId: jti });
      return { kind: 'rotated', pair };
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

  private async issueInFamily(subject: TokenSubject, familyId: string): Promise<{ pair: TokenPair; jti: string }> {
    const jti = randomUUID();
    const expiresAt = new Date((Math.floor(Date.now() / 1000) + this.config.jwt.refreshTtlSeconds) * 1000);
    const pair = await this.signPair(subject.id, subject.sessionVersion, jti, expiresAt);
    await this.db.tx.getRepository(RefreshToken).insert({ id: jti, userId: subject.id, familyId, tokenHash: tokenDigest(pair.refresh_token), expiresAt });
    return { pair, jti };
  }

  /**
   * The pair of refresh token `jti`, from its stored expiry: HS256 is deterministic and both tokens'
   * times derive from it, so signing again gives the very tokens first answered.
   */
  private async signPair(userId: string, version: number, jti: string, refreshExpiresAt: Date): Promise<TokenPair> {
    const { accessSecret, refreshSecret, accessTtlSeconds, refreshTtlSeconds } = this.config.jwt;
    const exp = Math.floor(refreshExpiresAt.getTime() / 1000);
    const iat = exp - refreshTtlSeconds;
    const accessPayload: AccessTokenPayload & { iat: number; exp: number } = { sub: userId, typ: 'access', ver: version, iat, exp: iat + accessTtlSeconds };
    const refreshPayload: RefreshTokenPayload & { iat: number; exp: number } = { sub: userId, typ: 'refresh', jti, ver: version, iat, exp };
    const [access_token, refresh_token] = await Promise.all([
      this.jwt.signAsync(accessPayload, { secret: accessSecret, algorithm: ALGORITHM }),
      this.jwt.signAsync(refreshPayload, { secret: refreshSecret, algorithm: ALGORITHM }),
    ]);
    return { access_token, refresh_token };
  }
}
