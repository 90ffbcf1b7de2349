import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { AppConfig } from '../../config/app-config.js';
import { ChangeFeed, toEvent } from '../history/change-feed.service.js';
import { CHANGES_COMMITTED } from '../history/change-snapshots.js';
import { ChangeTypes, takes } from '../history/change-types.js';
import { MESSAGE_JOB, type MessageJob } from '../jobs/message-job.js';
import { Outbox } from '../jobs/outbox.js';
import { type EndpointRow, signingSecrets } from './webhook-rows.js';
import { type Attempt, send } from './webhook-sender.js';

export const WEBHOOK_JOB = 'webhook.deliver';
/** Events one job delivers before handing the endpoint back (so one busy endpoint cannot hold a worker). */
const EVENTS_PER_JOB = 50;
/** Endpoints the sweep hands over per round. */
const SWEEP_BATCH = 100;

/** `delay` with up to 10% taken off or added, so endpoints failing together do not retry together. */
const jittered = (delay: number) => Math.round(delay * (0.9 + Math.random() * 0.2));

/**
 * Delivers each endpoint's events from the change feed, in seq order, at least once. The state is
 * in PostgreSQL (the endpoint's `delivered_through`, `attempt`, `next_attempt_at`), so a restart,
 * a killed worker or Redis going away loses nothing: the sweep (on a timer, and after every commit
 * that changed records) hands due endpoints to the job workers through the Outbox; a job delivers
 * the events after the endpoint's cursor one by one and moves it on. A failed event blocks its
 * endpoint's later events until it succeeds or its retries run out, which keeps the order.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private again = false;
  private stopped = false;
  private readonly wakeups = new Set<NodeJS.Timeout>();

  constructor(
    @InjectDb() private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly feed: ChangeFeed,
    private readonly types: ChangeTypes,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.outbox.handle<{ endpointId: string; lease: string }>(WEBHOOK_JOB, 4, ({ endpointId, lease }) => this.pump(endpointId, lease));
    this.timer = setInterval(() => this.wake(), this.config.webhooks.pollMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.timer);
    for (const wakeup of this.wakeups) clearTimeout(wakeup);
  }

  /** Looks for due endpoints soon, without making the caller wait. */
  @OnEvent(CHANGES_COMMITTED)
  wake(): void {
    if (this.stopped) return;
    if (this.sweeping) {
      this.again = true;
      return;
    }
    this.sweeping = this.db
      .inBackground(() => this.sweep())
      .catch((error: unknown) => this.logger.warn({ error: String(error) }, 'Webhook sweep failed'))
      .finally(() => {
        this.sweeping = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Leases every endpoint with events due and records a job for each in the Outbox. */
  private async sweep(): Promise<void> {
    const leased = await this.db.withTransaction(async () => {
      const rows: { id: string; lease_token: string }[] = (
        await this.db.tx.query(
          `UPDATE webhook_endpoints SET leased_until = now() + $1 * interval '1 millisecond', lease_token = gen_random_uuid()
           WHERE id IN (
             SELECT endpoint.id FROM webhook_endpoints endpoint JOIN change_feed_counters counter ON counter.org_id = endpoint.org_id
             WHERE endpoint.disabled_at IS NULL AND endpoint.delivered_through < counter.last_seq
               AND (endpoint.next_attempt_at IS NULL OR endpoint.next_attempt_at <= now())
               AND (endpoint.leased_until IS NULL OR endpoint.leased_until < now())
             LIMIT $2 FOR UPDATE OF endpoint SKIP LOCKED)
           RETURNING id, lease_token`,
          [this.leaseMs(), SWEEP_BATCH],
        )
      )[0];
      await this.outbox.add(...rows.map(({ id, lease_token }) => ({ name: WEBHOOK_JOB, payload: { endpointId: id, lease: lease_token } })));
      return rows.length;
    });
    if (leased > 0) this.outbox.kick();
  }

  /** Delivers the endpoint's due events in order until one fails or none is left; never throws. */
  private async pump(endpointId: string, lease: string): Promise<void> {
    try {
      for (let delivered = 0; delivered < EVENTS_PER_JOB && !this.stopped; ) {
        const [endpoint] = (await this.db.tx.query(
          `SELECT * FROM webhook_endpoints WHERE id = $1 AND lease_token = $2 AND disabled_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())`,
          [endpointId, lease],
        )) as EndpointRow[];
        if (!endpoint) return;
        const filter = this.types.parse('events', endpoint.events);
        const events = await this.feed.after(endpoint.org_id, Number(endpoint.delivered_through), EVENTS_PER_JOB, new Date(0));
        if (events.length === 0) return;
        let through = Number(endpoint.delivered_through);
        for (const event of events) {
          if (!takes(filter, event.event_type)) {
            through = Number(event.seq);
            continue;
          }
          if (through > Number(endpoint.delivered_through)) await this.settleThrough(endpoint.id, through);
          const [, renewed] = (await this.db.tx.query(
            `UPDATE webhook_endpoints SET leased_until = now() + $3 * interval '1 millisecond' WHERE id = $1 AND lease_token = $2`,
            [endpoint.id, lease, this.leaseMs()],
          )) as [unknown, number];
          if (!renewed) return;
          const attempt = await send(
            { url: endpoint.url, secrets: signingSecrets(endpoint), eventId: event.event_id, body: JSON.stringify(toEvent(event)) },
            { timeoutMs: this.config.webhooks.timeoutMs, allowPrivateNetworks: this.config.webhooks.allowPrivateNetworks },
          );
          delivered++;
          if (!(await this.record(endpoint, event.event_id, Number(event.seq), event.event_type, attempt))) return;
          endpoint.delivered_through = event.seq;
          through = Number(event.seq);
        }
        if (through > Number(endpoint.delivered_through)) await this.settleThrough(endpoint.id, through);
      }
    } catch (error) {
      this.logger.warn({ error: String(error), endpointId }, 'Webhook delivery round failed; the sweep will try again');
    } finally {
      await this.db.tx.query(`UPDATE webhook_endpoints SET leased_until = NULL, lease_token = NULL WHERE id = $1 AND lease_token = $2`, [endpointId, lease]).catch(() => undefined);
      // More may have committed while this round ran.
      this.wake();
    }
  }

  private async settleThrough(endpointId: string, seq: number): Promise<void> {
    await this.db.tx.query(`UPDATE webhook_endpoints SET delivered_through = greatest(delivered_through, $2) WHERE id = $1`, [endpointId, seq]);
  }

  /**
   * Records an attempt and what follows from it, in one transaction: the cursor moves on (a
   * success, or a refusal no retry can change), a retry is scheduled, or the endpoint is disabled
   * (410, or retries exhausted) and its creator mailed. Answers whether to go on with the next event.
   */
  private async record(endpoint: EndpointRow, eventId: string, seq: number, type: string, attempt: Attempt): Promise<boolean> {
    const schedule = this.config.webhooks.retryScheduleMs;
    const number = endpoint.attempt + 1;
    const retry = !attempt.succeeded && !attempt.gone && attempt.retryable && endpoint.attempt < schedule.length;
    const nextRetryAt = retry ? new Date(Date.now() + jittered(schedule[endpoint.attempt])) : null;
    const disable = attempt.gone ? 'The receiver answered 410 Gone' : !attempt.succeeded && attempt.retryable && !retry ? `Every attempt at event ${eventId} failed for the whole retry window` : null;
    await this.db.withTransaction(async () => {
      await this.db.tx.query(
        `INSERT INTO webhook_deliveries (org_id, endpoint_id, event_id, event_seq, event_type, attempt, status_code, duration_ms, error, succeeded, next_retry_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [endpoint.org_id, endpoint.id, eventId, seq, type, number, attempt.statusCode, attempt.durationMs, attempt.error?.slice(0, 500) ?? null, attempt.succeeded, nextRetryAt],
      );
      if (retry) {
        await this.db.tx.query(`UPDATE webhook_endpoints SET attempt = $2, next_attempt_at = $3, failing_since = coalesce(failing_since, now()) WHERE id = $1`, [endpoint.id, number, nextRetryAt]);
      } else if (disable) {
        await this.db.tx.query(`UPDATE webhook_endpoints SET disabled_at = now(), disabled_reason = $2, attempt = 0, next_attempt_at = NULL WHERE id = $1`, [endpoint.id, disable]);
        await this.mailCreator(endpoint, disable);
      } else {
        await this.db.tx.query(`UPDATE webhook_endpoints SET delivered_through = $2, attempt = 0, next_attempt_at = NULL, failing_since = NULL WHERE id = $1`, [endpoint.id, seq]);
      }
    });
    if (nextRetryAt) this.wakeAt(nextRetryAt);
    if (disable) this.outbox.kick();
    return !retry && !disable;
  }

  private async mailCreator(endpoint: EndpointRow, reason: string): Promise<void> {
    const [creator] = (await this.db.tx.query(`SELECT email FROM users WHERE id = $1`, [endpoint.created_by])) as { email: string }[];
    if (!creator) return;
    const message: MessageJob = {
      to: creator.email,
      subject: 'A webhook endpoint was disabled',
      text: `The webhook endpoint ${endpoint.url} (${endpoint.id}) was disabled: ${reason}.\n\nIts undelivered events wait in the change feed: fix the receiver, then turn the endpoint back on (PATCH /api/webhooks/${endpoint.id}/ with {"enabled": true}).`,
      messageId: `webhook-disabled-${endpoint.id}-${Date.now()}`,
    };
    await this.outbox.add({ name: MESSAGE_JOB, payload: { ...message } });
  }

  /** A sweep when a retry falls due, sooner than the timer would look. */
  private wakeAt(at: Date): void {
    const wakeup = setTimeout(() => {
      this.wakeups.delete(wakeup);
      this.wake();
    }, Math.max(0, at.getTime() - Date.now()) + 5);
    wakeup.unref();
    this.wakeups.add(wakeup);
  }

  private leaseMs(): number {
    return this.config.webhooks.timeoutMs + 60_000;
  }
}
