import { type CallHandler, type ExecutionContext, HttpStatus, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { type Db, InjectDb } from '../database/transactions.js';
import { AppError } from '../errors/app-error.js';
import { REFUSES_IDEMPOTENCY_KEY } from './refuses-idempotency-key.decorator.js';
import { requestHash } from './canonical-hash.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
/** Printable ASCII, 1 to 255 characters. */
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;
/** The answer's headers a replay repeats. */
const KEPT_HEADERS = ['etag', 'location'];

/** Who wrote, as the guards left it on the request. */
interface Authenticated {
  principal?: { userId: string; orgId?: string; apiKeyId?: string };
  keyGrant?: { settingId: string; orgId: string };
}

interface Stored {
  request_hash: string;
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

const badKey = (reason: string) => new AppError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `Idempotency-Key ${reason}`, { 'Idempotency-Key': [reason] });

/**
 * `Idempotency-Key` on the writes of an organization (POST, PUT, PATCH, DELETE by a member, an API
 * key or a web-form key): the request runs in one transaction that also stores its answer, so a
 * retry after a timeout or a crash is answered from what was stored (`Idempotent-Replayed: true`)
 * and never writes twice. The same key with another request (method, path or body) is 422
 * IDEMPOTENCY_KEY_REUSED; while the first is still running, 409 IDEMPOTENCY_KEY_IN_PROGRESS (a
 * transaction-scoped advisory lock, so on any instance). An error answer stores nothing: the write
 * rolled back with it. Keys are kept 24 hours (IdempotencyPruning).
 */
@Injectable()
export class IdempotentRequests implements NestInterceptor {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & Authenticated>();
    const given = request.headers[IDEMPOTENCY_HEADER];
    if (given === undefined || request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return next.handle();
    if (typeof given !== 'string') throw badKey('must be sent once');
    if (!VALID_KEY.test(given)) throw badKey('must be 1 to 255 printable ASCII characters');
    const route = request.routeOptions.url ?? request.url;
    if (this.reflector.get<boolean>(REFUSES_IDEMPOTENCY_KEY, context.getHandler())) throw badKey('is not taken by this route: see its description');
    const orgId = request.principal?.orgId ?? request.keyGrant?.orgId;
    // Signing in, registering and the like belong to no organization: their answers (tokens) are never stored.
    if (!orgId) return next.handle();
    const principal = request.principal?.apiKeyId
      ? `api_key:${request.principal.apiKeyId}`
      : request.principal
        ? `user:${request.principal.userId}`
        : `web_form:${request.keyGrant!.settingId}`;
    const scope = [orgId, principal, request.method, route, given];
    // A multipart body is read by the route as it streams: such a request is known by its method and path.
    const hash = requestHash(request.method, request.url, request.isMultipart() ? null : request.body);
    const reply = http.getResponse<FastifyReply>();
    return from(this.db.withTransaction(() => this.once(scope, hash, reply, () => lastValueFrom(next.handle(), { defaultValue: undefined }))));
  }

  private async once(scope: string[], hash: string, reply: FastifyReply, run: () => Promise<unknown>): Promise<unknown> {
    const [{ free }] = (await this.db.tx.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS free', [scope.join('\n')])) as { free: boolean }[];
    if (!free) {
      void reply.header('retry-after', '1');
      throw new AppError(HttpStatus.CONFLICT, 'IDEMPOTENCY_KEY_IN_PROGRESS', 'A request with this Idempotency-Key is still running: retry after Retry-After seconds');
    }
    const [stored] = (await this.db.tx.query(
      `SELECT request_hash, status, headers, body FROM idempotency_keys
       WHERE org_id = $1 AND principal = $2 AND method = $3 AND route = $4 AND key = $5 AND created_on > now() - interval '24 hours'`,
      scope,
    )) as Stored[];
    if (stored) return this.replay(stored, hash, reply);
    const body = await run();
    const headers = Object.fromEntries(KEPT_HEADERS.flatMap((name) => (reply.hasHeader(name) ? [[name, String(reply.getHeader(name))]] : [])));
    await this.db.tx.query(
      `INSERT INTO idempotency_keys (org_id, principal, method, route, key, request_hash, status, headers, body)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (org_id, principal, method, route, key) DO UPDATE
         SET request_hash = excluded.request_hash, status = excluded.status, headers = excluded.headers, body = excluded.body, created_on = now()`,
      [...scope, hash, reply.statusCode, headers, body === undefined ? null : JSON.stringify(body)],
    );
    return body;
  }

  private replay(stored: Stored, hash: string, reply: FastifyReply): unknown {
    if (stored.request_hash !== hash) {
      throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for another request (method, path or body): use a new key for a new request');
    }
    void reply.code(stored.status).headers({ ...stored.headers, [REPLAYED_HEADER]: 'true' });
    return stored.body === null ? undefined : JSON.parse(stored.body);
  }
}
