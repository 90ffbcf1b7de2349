import { Injectable, Logger } from '@nestjs/common';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { newSecretToken, tokenDigest } from '../../common/auth/secret-token.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { NotFoundError, UnauthorizedError, ValidationFailedError } from '../../common/errors/app-error.js';
import { type Page, toPage } from '../../common/pagination/page.js';
import type { PaginationQueryDto } from '../../common/pagination/pagination-query.dto.js';
import { ApiKey } from './api-key.entity.js';
import { type ApiKeyResponseDto, type CreateApiKeyDto, type CreatedApiKeyResponseDto, DEFAULT_OVERLAP_SECONDS, type RotateApiKeyDto } from './dto/api-key.dto.js';

/** What a request authenticated by a key acts as. */
export interface KeyPrincipal {
  keyId: string;
  orgId: string;
  createdBy: string | null;
  scopes: string[];
}

/** How often a key's last_used_at is written at most (per process): a key used every second writes once a minute. */
const LAST_USED_EVERY_MS = 60_000;

/** Server API keys: made, listed, revoked and rotated by ADMINs, and checked on every request that sends one. */
@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);
  private readonly lastWritten = new Map<string, number>();

  constructor(@InjectDb() private readonly db: Db) {}

  private get keys() {
    return this.db.tx.getRepository(ApiKey);
  }

  async create(principal: OrgPrincipal, dto: CreateApiKeyDto): Promise<CreatedApiKeyResponseDto> {
    const expiresAt = dto.expires_at === undefined ? null : new Date(dto.expires_at);
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw ValidationFailedError.field('expires_at', 'must be in the future');
    const { token, digest } = newSecretToken('crm');
    const saved = await this.keys.save({
      orgId: principal.orgId,
      createdBy: principal.userId,
      name: dto.name,
      scopes: [...new Set(dto.scopes)],
      keyDigest: digest,
      last4: token.slice(-4),
      expiresAt,
    });
    return { ...toResponse(await this.keys.findOneByOrFail({ id: saved.id })), secret: token };
  }

  async list(orgId: string, query: PaginationQueryDto): Promise<Page<ApiKeyResponseDto>> {
    const [rows, count] = await this.keys.findAndCount({ where: { orgId }, order: { createdOn: 'DESC', id: 'DESC' }, skip: query.offset, take: query.limit });
    return toPage('/api/api-keys/', query, count, rows.map(toResponse));
  }

  async get(orgId: string, id: string): Promise<ApiKeyResponseDto> {
    return toResponse(await this.found(orgId, id));
  }

  /** The row stays, listed as revoked; the key answers 401 API_KEY_REVOKED from the next request on, on every instance (each request reads it). */
  async revoke(orgId: string, id: string): Promise<void> {
    await this.found(orgId, id);
    await this.keys.createQueryBuilder().update().set({ revokedAt: () => 'now()' }).where('id = :id AND org_id = :orgId AND revoked_at IS NULL', { id, orgId }).execute();
  }

  /**
   * A new secret; the one it replaces keeps working for `overlap_seconds` (a secret replaced by an
   * earlier rotation stops at once). A revoked key cannot be rotated (404).
   */
  async rotate(orgId: string, id: string, dto: RotateApiKeyDto): Promise<CreatedApiKeyResponseDto> {
    const key = await this.found(orgId, id);
    if (key.revokedAt) throw new NotFoundError('API key');
    const { token, digest } = newSecretToken('crm');
    const overlap = dto.overlap_seconds ?? DEFAULT_OVERLAP_SECONDS;
    await this.keys.update(
      { id, orgId },
      { keyDigest: digest, last4: token.slice(-4), previousDigest: overlap > 0 ? key.keyDigest : null, previousValidUntil: overlap > 0 ? new Date(Date.now() + overlap * 1000) : null },
    );
    return { ...toResponse(await this.keys.findOneByOrFail({ id })), secret: token };
  }

  /** The key a secret names, checked (401 when unknown, past its overlap, expired or revoked): one indexed read. */
  async authenticate(secret: string): Promise<KeyPrincipal> {
    const digest = tokenDigest(secret);
    const key = await this.db.tx
      .getRepository(ApiKey)
      .createQueryBuilder('key')
      .where('key.keyDigest = :digest OR (key.previousDigest = :digest AND key.previousValidUntil > now())', { digest })
      .getOne();
    if (!key) throw new UnauthorizedError('API_KEY_INVALID', 'The API key is unknown, or was replaced by a rotation whose overlap has ended');
    if (key.revokedAt) throw new UnauthorizedError('API_KEY_REVOKED', 'The API key was revoked');
    if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) throw new UnauthorizedError('API_KEY_EXPIRED', 'The API key has expired');
    this.noteUse(key.id);
    return { keyId: key.id, orgId: key.orgId, createdBy: key.createdBy, scopes: key.scopes };
  }

  /** Writes last_used_at beside the request, at most once a minute per key; a failure only delays it. */
  private noteUse(id: string): void {
    const now = Date.now();
    if (now - (this.lastWritten.get(id) ?? 0) < LAST_USED_EVERY_MS) return;
    this.lastWritten.set(id, now);
    this.keys.update({ id }, { lastUsedAt: new Date(now) }).catch((error: unknown) => this.logger.warn({ error: String(error) }, 'Could not record an API key’s use'));
  }

  private async found(orgId: string, id: string): Promise<ApiKey> {
    const key = await this.keys.findOneBy({ orgId, id });
    if (!key) throw new NotFoundError('API key');
    return key;
  }
}

function toResponse(key: ApiKey): ApiKeyResponseDto {
  return {
    id: key.id,
    name: key.name,
    scopes: key.scopes,
    last4: key.last4,
    created_by: key.createdBy,
    created_on: key.createdOn.toISOString(),
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    expires_at: key.expiresAt?.toISOString() ?? null,
    revoked_at: key.revokedAt?.toISOString() ?? null,
    previous_valid_until: key.previousValidUntil?.toISOString() ?? null,
  };
}
