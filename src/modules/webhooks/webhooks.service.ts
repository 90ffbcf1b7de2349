import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { NotFoundError } from '../../common/errors/app-error.js';
import { type Page, toPage } from '../../common/pagination/page.js';
import type { PaginationQueryDto } from '../../common/pagination/pagination-query.dto.js';
import { AppConfig } from '../../config/app-config.js';
import { FEED_COLUMNS, FEED_ENTRIES, type FeedRow, toEvent } from '../history/change-feed.service.js';
import { ChangeTypes } from '../history/change-types.js';
import type { CreatedWebhookDto, CreateWebhookDto, UpdateWebhookDto, WebhookDeliveryDto, WebhookDto } from './dto/webhook.dto.js';
import { checkWebhookUrl } from './webhook-addresses.js';
import { type DeliveryRow, type EndpointRow, signingSecrets, toDelivery, toWebhook } from './webhook-rows.js';
import { send } from './webhook-sender.js';
import { newWebhookSecret } from './webhook-signatures.js';

/** How long a replaced secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 3600_000;

const DELIVERY_COLUMNS = 'id, event_id, event_seq, event_type, attempt, status_code, duration_ms, error, succeeded, next_retry_at, created_on';

/** The organization's webhook endpoints: their settings, secrets, test pings and delivery log. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly types: ChangeTypes,
    private readonly config: AppConfig,
  ) {}

  async list(orgId: string, query: PaginationQueryDto): Promise<Page<WebhookDto>> {
    const [rows, [{ count }]] = await Promise.all([
      this.db.tx.query(`SELECT * FROM webhook_endpoints WHERE org_id = $1 ORDER BY created_on DESC, id DESC LIMIT $2 OFFSET $3`, [orgId, query.limit, query.offset]) as Promise<EndpointRow[]>,
      this.db.tx.query(`SELECT count(*)::int AS count FROM webhook_endpoints WHERE org_id = $1`, [orgId]) as Promise<{ count: number }[]>,
    ]);
    return toPage('/api/webhooks/', query, count, rows.map(toWebhook));
  }

  async get(orgId: string, id: string): Promise<WebhookDto> {
    return toWebhook(await this.row(orgId, id));
  }

  /** A new endpoint, told of events committed from now on. */
  async create(principal: OrgPrincipal, dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    this.types.parse('events', dto.events);
    const url = await checkWebhookUrl(dto.url, this.config.webhooks);
    const [row] = (await this.db.tx.query(
      `INSERT INTO webhook_endpoints (org_id, url, events, description, secret, created_by, delivered_through)
       VALUES ($1, $2, $3, $4, $5, $6, coalesce((SELECT last_seq FROM change_feed_counters WHERE org_id = $1), 0))
       RETURNING *`,
      [principal.orgId, url.toString(), dto.events, dto.description ?? '', newWebhookSecret(), principal.userId],
    )) as EndpointRow[];
    return { ...toWebhook(row), secret: row.secret };
  }

  async update(orgId: string, id: string, dto: UpdateWebhookDto): Promise<WebhookDto> {
    await this.row(orgId, id);
    if (dto.events) this.types.parse('events', dto.events);
    const url = dto.url === undefined ? undefined : (await checkWebhookUrl(dto.url, this.config.webhooks)).toString();
    const [row] = (
      await this.db.tx.query(
        `UPDATE webhook_endpoints SET
           url = coalesce($3, url), events = coalesce($4, events), description = coalesce($5, description), updated_on = now(),
           disabled_at = CASE WHEN $6::boolean IS TRUE THEN NULL WHEN $6::boolean IS FALSE THEN coalesce(disabled_at, now()) ELSE disabled_at END,
           disabled_reason = CASE WHEN $6::boolean IS TRUE THEN NULL WHEN $6::boolean IS FALSE AND disabled_at IS NULL THEN 'Paused' ELSE disabled_reason END,
           attempt = CASE WHEN $6::boolean IS TRUE THEN 0 ELSE attempt END,
           next_attempt_at = CASE WHEN $6::boolean IS TRUE THEN NULL ELSE next_attempt_at END,
           failing_since = CASE WHEN $6::boolean IS TRUE THEN NULL ELSE failing_since END
         WHERE org_id = $1 AND id = $2 RETURNING *`,
        [orgId, id, url ?? null, dto.events ?? null, dto.description ?? null, dto.enabled ?? null],
      )
    )[0] as EndpointRow[];
    return toWebhook(row);
  }

  async remove(orgId: string, id: string): Promise<void> {
    const [, deleted] = (await this.db.tx.query(`DELETE FROM webhook_endpoints WHERE org_id = $1 AND id = $2`, [orgId, id])) as [unknown, number];
    if (!deleted) throw new NotFoundError('Webhook');
  }

  /** A new secret; the replaced one keeps signing (beside it) for a day, so receivers can switch without a gap. */
  async rotateSecret(orgId: string, id: string): Promise<CreatedWebhookDto> {
    await this.row(orgId, id);
    const [row] = (
      await this.db.tx.query(
        `UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_until = now() + $3 * interval '1 millisecond', secret = $4, updated_on = now()
         WHERE org_id = $1 AND id = $2 RETURNING *`,
        [orgId, id, ROTATION_OVERLAP_MS, newWebhookSecret()],
      )
    )[0] as EndpointRow[];
    return { ...toWebhook(row), secret: row.secret };
  }

  /** Sends a `ping` event now and answers how it went (also logged with the deliveries). */
  async test(orgId: string, id: string): Promise<WebhookDeliveryDto> {
    const endpoint = await this.row(orgId, id);
    return this.deliverNow(endpoint, randomUUID(), null, 'ping', this.ping(endpoint), 1);
  }

  async deliveries(orgId: string, id: string, query: PaginationQueryDto): Promise<Page<WebhookDeliveryDto>> {
    await this.row(orgId, id);
    const where = 'FROM webhook_deliveries WHERE org_id = $1 AND endpoint_id = $2';
    const [rows, [{ count }]] = await Promise.all([
      this.db.tx.query(`SELECT ${DELIVERY_COLUMNS} ${where} ORDER BY created_on DESC, id DESC LIMIT $3 OFFSET $4`, [orgId, id, query.limit, query.offset]) as Promise<DeliveryRow[]>,
      this.db.tx.query(`SELECT count(*)::int AS count ${where}`, [orgId, id]) as Promise<{ count: number }[]>,
    ]);
    return toPage(`/api/webhooks/${id}/deliveries/`, query, count, rows.map(toDelivery));
  }

  /** Sends a delivery's event again now, whatever became of it, under the same `webhook-id`; the endpoint's cursor is not moved. */
  async redeliver(orgId: string, id: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    const endpoint = await this.row(orgId, id);
    const [delivery] = (await this.db.tx.query(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE org_id = $1 AND endpoint_id = $2 AND id = $3`, [
      orgId,
      id,
      deliveryId,
    ])) as DeliveryRow[];
    if (!delivery) throw new NotFoundError('Delivery');
    const [{ attempts }] = (await this.db.tx.query(`SELECT max(attempt)::int AS attempts FROM webhook_deliveries WHERE org_id = $1 AND endpoint_id = $2 AND event_id = $3`, [
      orgId,
      id,
      delivery.event_id,
    ])) as { attempts: number }[];
    if (delivery.event_type === 'ping') return this.deliverNow(endpoint, delivery.event_id, null, 'ping', this.ping(endpoint), attempts + 1);
    const [event] = (await this.db.tx.query(`SELECT ${FEED_COLUMNS} FROM ${FEED_ENTRIES} WHERE entry.org_id = $1 AND entry.event_id = $2`, [orgId, delivery.event_id])) as FeedRow[];
    if (!event) throw new NotFoundError('Event');
    return this.deliverNow(endpoint, event.event_id, Number(event.seq), event.event_type, JSON.stringify(toEvent(event)), attempts + 1);
  }

  private ping(endpoint: EndpointRow): string {
    return JSON.stringify({ type: 'ping', occurred_at: new Date().toISOString(), org: endpoint.org_id, data: { webhook: endpoint.id } });
  }

  private async deliverNow(endpoint: EndpointRow, eventId: string, seq: number | null, type: string, body: string, attempt: number): Promise<WebhookDeliveryDto> {
    const sent = await send(
      { url: endpoint.url, secrets: signingSecrets(endpoint), eventId, body },
      { timeoutMs: this.config.webhooks.timeoutMs, allowPrivateNetworks: this.config.webhooks.allowPrivateNetworks },
    );
    const [row] = (await this.db.tx.query(
      `INSERT INTO webhook_deliveries (org_id, endpoint_id, event_id, event_seq, event_type, attempt, status_code, duration_ms, error, succeeded)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${DELIVERY_COLUMNS}`,
      [endpoint.org_id, endpoint.id, eventId, seq, type, attempt, sent.statusCode, sent.durationMs, sent.error?.slice(0, 500) ?? null, sent.succeeded],
    )) as DeliveryRow[];
    return toDelivery(row);
  }

  private async row(orgId: string, id: string): Promise<EndpointRow> {
    const [row] = (await this.db.tx.query(`SELECT * FROM webhook_endpoints WHERE org_id = $1 AND id = $2`, [orgId, id])) as EndpointRow[];
    if (!row) throw new NotFoundError('Webhook');
    return row;
  }
}
