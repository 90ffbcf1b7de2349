import type { WebhookDeliveryDto, WebhookDto } from './dto/webhook.dto.js';

/** A row of webhook_endpoints (migration Webhooks). */
export interface EndpointRow {
  id: string;
  org_id: string;
  url: string;
  events: string[];
  description: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Date | null;
  created_by: string | null;
  created_on: Date;
  updated_on: Date;
  disabled_at: Date | null;
  disabled_reason: string | null;
  delivered_through: string;
  attempt: number;
  next_attempt_at: Date | null;
  failing_since: Date | null;
}

export interface DeliveryRow {
  id: string;
  event_id: string;
  event_seq: string | null;
  event_type: string;
  attempt: number;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  succeeded: boolean;
  next_retry_at: Date | null;
  created_on: Date;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export const toWebhook = (row: EndpointRow): WebhookDto => ({
  id: row.id,
  url: row.url,
  events: row.events,
  description: row.description,
  enabled: row.disabled_at === null,
  disabled_at: iso(row.disabled_at),
  disabled_reason: row.disabled_reason,
  failing_since: iso(row.failing_since),
  delivered_through: Number(row.delivered_through),
  created_by: row.created_by,
  created_on: row.created_on.toISOString(),
  updated_on: row.updated_on.toISOString(),
});

export const toDelivery = (row: DeliveryRow): WebhookDeliveryDto => ({
  ...row,
  event_seq: row.event_seq === null ? null : Number(row.event_seq),
  next_retry_at: iso(row.next_retry_at),
  created_on: row.created_on.toISOString(),
});

/** The secrets a delivery is signed with now: the current one, and the one it replaced during its overlap. */
export const signingSecrets = (row: EndpointRow): string[] =>
  row.previous_secret && row.previous_secret_until && row.previous_secret_until > new Date() ? [row.secret, row.previous_secret] : [row.secret];
