import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { AppConfig } from '../../config/app-config.js';
import { type JobHandler, JobQueue, PermanentJobError } from './job-queue.js';

/** Jobs due within this window are handed to the queue; later ones wait in the database. */
export const DISPATCH_HORIZON_MS = 3600_000;
/** A handed-over job whose row is still here this long after it was due is handed over again. */
export const DISPATCH_LEASE_MS = 600_000;
const BATCH = 100;

export interface NewJob {
  name: string;
  payload: Record<string, unknown>;
  runAt?: Date | null;
}

interface QueuedJob {
  outboxId: string;
  payload: Record<string, unknown>;
}

/**
 * The transactional outbox. A service records a job with `add(...)` inside the
 * transaction of the change that owes it, so the job exists exactly when the change does; after
 * commit it calls `kick()`. A dispatcher hands due rows to the JobQueue whenever the queue can take
 * them (at once, on a timer, and when Redis comes back) and never makes a request wait on Redis.
 * A row is deleted when its job has run or failed for good. Dispatching and jobs run on the
 * background pool (Db.inBackground).
 */
@Injectable()
export class Outbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Outbox.name);
  private timer?: NodeJS.Timeout;
  private dispatching?: Promise<number>;
  private again = false;
  private stopped = false;

  constructor(
    @InjectDb() private readonly db: Db,
    private readonly queue: JobQueue,
    private readonly config: AppConfig,
  ) {}

  /** Records jobs in the transaction in progress (so they exist exactly when its change does). */
  async add(...jobs: NewJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.db.tx.query(
      `INSERT INTO outbox_jobs (name, payload, run_at) SELECT * FROM unnest($1::varchar[], $2::jsonb[], $3::timestamptz[])`,
      [jobs.map((job) => job.name), jobs.map((job) => JSON.stringify(job.payload)), jobs.map((job) => job.runAt ?? null)],
    );
  }

  /** Registers the handler for jobs called `name`; its row is removed once the job is settled. */
  handle<T extends object>(name: string, concurrency: number, handler: JobHandler<T>): void {
    this.queue.process<QueuedJob>(name, concurrency, ({ outboxId, payload }, run) =>
      this.db.inBackground(async () => {
        try {
          await handler(payload as T, run);
        } catch (error) {
          if (run.final || error instanceof PermanentJobError) await this.settle(outboxId);
          throw error;
        }
        await this.settle(outboxId);
      }),
    );
  }

  /** Dispatches soon, without making the caller wait (call it after the transaction commits). */
  kick(): void {
    void this.dispatch().catch((error: unknown) => this.logger.warn({ error: String(error) }, 'Dispatch failed'));
  }

  async onApplicationBootstrap(): Promise<void> {
    // Without Redis the previous process's timers died with it: every row is owed again.
    if (!this.config.redisUrl) await this.db.tx.query(`UPDATE outbox_jobs SET dispatched_at = NULL WHERE dispatched_at IS NOT NULL`);
    this.timer = setInterval(() => this.kick(), this.config.jobs.pollMs);
    this.timer.unref();
    this.queue.onReconnect(() => void this.db.inBackground(() => this.reclaimLost()).catch((error: unknown) => this.logger.warn({ error: String(error) }, 'Could not check for lost jobs')));
    this.kick();
  }

  /**
   * After Redis comes back, jobs it lost (a restart without persistence) are handed over again at
   * once, rather than when their lease runs out: every handed-over row whose job Redis no longer
   * holds. A job still there is left alone, so nothing runs twice because of this.
   */
  private async reclaimLost(): Promise<void> {
    const handed: { id: string }[] = await this.db.tx.query(`SELECT id FROM outbox_jobs WHERE dispatched_at IS NOT NULL ORDER BY dispatched_at LIMIT 10000`);
    const lost = await this.queue.missing(handed.map((row) => row.id));
    if (lost.length === 0) return;
    await this.db.tx.query(`UPDATE outbox_jobs SET dispatched_at = NULL WHERE id = ANY($1::uuid[])`, [lost]);
    this.logger.warn({ jobs: lost.length }, 'The job queue lost jobs (Redis restarted empty); handing them over again');
    this.kick();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** Hands every due row to the queue; resolves with how many were handed over. */
  dispatch(): Promise<number> {
    if (this.dispatching) {
      this.again = true;
      return this.dispatching;
    }
    this.dispatching = this.db.inBackground(() => this.dispatchRounds()).finally(() => {
      this.dispatching = undefined;
    });
    return this.dispatching;
  }

  private async dispatchRounds(): Promise<number> {
    let total = 0;
    do {
      this.again = false;
      for (let handed = BATCH; handed === BATCH && !this.stopped && this.queue.available; ) {
        handed = await this.dispatchBatch();
        total += handed;
      }
    } while (this.again && !this.stopped);
    return total;
  }

  /** Claims a batch of due rows (marking them handed over), then gives each to the queue. */
  private async dispatchBatch(): Promise<number> {
    const rows: { id: string; name: string; payload: Record<string, unknown>; run_at: Date | null }[] = (
      await this.db.tx.query(
        `UPDATE outbox_jobs SET dispatched_at = now()
         WHERE id IN (
           SELECT id FROM outbox_jobs
           WHERE (dispatched_at IS NULL AND (run_at IS NULL OR run_at <= now() + $1 * interval '1 millisecond'))
              OR (dispatched_at < now() - $2 * interval '1 millisecond'
                  AND coalesce(run_at, created_on) < now() - $2 * interval '1 millisecond')
           ORDER BY coalesce(run_at, created_on)
           LIMIT $3
           FOR UPDATE SKIP LOCKED)
         RETURNING id, name, payload, run_at`,
        [DISPATCH_HORIZON_MS, DISPATCH_LEASE_MS, BATCH],
      )
    )[0];
    const failed: string[] = [];
    for (const [index, row] of rows.entries()) {
      try {
        const delayMs = row.run_at ? Math.max(0, new Date(row.run_at).getTime() - Date.now()) : 0;
        await this.queue.add(row.name, { outboxId: row.id, payload: row.payload } satisfies QueuedJob, { jobId: row.id, delayMs });
      } catch (error) {
        // The queue is away: give the rest back and try again on the next round.
        failed.push(...rows.slice(index).map((rest) => rest.id));
        this.logger.warn({ error: String(error), pending: failed.length }, 'Job queue unavailable; jobs stay in the outbox');
        break;
      }
    }
    if (failed.length) {
      await this.db.tx.query(`UPDATE outbox_jobs SET dispatched_at = NULL WHERE id = ANY($1::uuid[])`, [failed]);
      return 0;
    }
    return rows.length;
  }

  private async settle(outboxId: string): Promise<void> {
    await this.db.tx.query(`DELETE FROM outbox_jobs WHERE id = $1`, [outboxId]);
  }
}
