import { InjectQueue } from '@nestjs/bull';
import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { type JobHandler, type JobOptions, JobQueue, PermanentJobError, QueueUnavailableError, withDeadline } from './job-queue.js';

export const JOBS_QUEUE = 'jobs';
/** An add that Redis has not confirmed by then is given up (the outbox row stays and is retried). */
export const ENQUEUE_TIMEOUT_MS = 2000;
/** How long shutdown waits for the jobs running here to finish before the queue closes anyway. */
const SHUTDOWN_PAUSE_MS = 2000;
/** A Redis outage is logged when it starts, then at most this often while it lasts. */
const OUTAGE_LOG_EVERY_MS = 60_000;

/** Jobs in Redis: shared by every API instance, kept across restarts, each run once. */
@Injectable()
export class BullJobQueue extends JobQueue implements BeforeApplicationShutdown {
  private readonly logger = new Logger(BullJobQueue.name);
  /** The handlers running here, so shutdown can let them finish without Bull's own wait (see below). */
  private readonly running = new Set<Promise<unknown>>();

  constructor(@InjectQueue(JOBS_QUEUE) private readonly queue: Queue) {
    super();
    // process() names the blocking connection without awaiting it: an app closed before Redis
    // answered left the rejection unhandled, failing whatever ran next (docs/decisions.md). The
    // name only labels the connection in CLIENT LIST, so its failure is dropped.
    const named = queue as unknown as { setWorkerName(): Promise<unknown> };
    const setWorkerName = named.setWorkerName.bind(queue);
    named.setWorkerName = () => setWorkerName().catch(() => undefined);
    // Bull re-emits its Redis clients' errors here (and would otherwise swallow them): one warn per outage, not one per reconnect attempt.
    let loggedAt = 0;
    queue.on('error', (error: Error) => {
      if (Date.now() - loggedAt < OUTAGE_LOG_EVERY_MS) return;
      loggedAt = Date.now();
      this.logger.warn({ error: error.message }, 'Job queue cannot reach Redis; work owed waits in the outbox');
    });
    queue.client.on('ready', () => {
      if (loggedAt === 0) return;
      loggedAt = 0;
      this.logger.log('Job queue reconnected to Redis');
    });
  }

  /**
   * Stops taking jobs here (a local pause), then lets the running ones finish for up to 2 s, before
   * the queue closes. Bull swallows the "Connection is closed." of its blocked BRPOPLPUSH only when
   * the queue is paused locally; closing an unpaused one can throw it after the app has closed.
   * The pause does not wait for running jobs itself (`doNotWaitActive`): Bull's wait leaves the
   * forced reconnect of its blocking client without a handler while jobs run, so a reconnect that
   * fails then was an unhandled rejection that crashed whatever ran next in the process.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const paused = this.queue.pause(true, true).then(() => Promise.allSettled([...this.running]));
    await withDeadline(paused, SHUTDOWN_PAUSE_MS, 'Pausing the job queue').catch((error: unknown) =>
      this.logger.warn({ error: String(error) }, 'Job queue not paused before closing'),
    );
  }

  get available(): boolean {
    return this.queue.client.status === 'ready';
  }

  async add(name: string, data: object, { jobId, delayMs }: JobOptions): Promise<void> {
    // While Redis is away, ioredis would hold the command until it returns: do not even try.
    if (!this.available) throw new QueueUnavailableError('Redis is not connected');
    await withDeadline(this.queue.add(name, data, { jobId, delay: delayMs }), ENQUEUE_TIMEOUT_MS, 'Adding a job to Redis');
  }

  async missing(jobIds: readonly string[]): Promise<string[]> {
    const found = await Promise.all(jobIds.map((id) => withDeadline(this.queue.getJob(id), ENQUEUE_TIMEOUT_MS, 'Looking a job up in Redis')));
    return jobIds.filter((_, index) => !found[index]);
  }

  onReconnect(listener: () => void): void {
    let lost = false;
    this.queue.client.on('close', () => (lost = true));
    this.queue.client.on('ready', () => {
      if (!lost) return;
      lost = false;
      listener();
    });
  }

  process<T>(name: string, concurrency: number, handler: JobHandler<T>): void {
    // Bull resolves this only when the queue closes; a failure to start is logged, never thrown at boot.
    this.queue
      .process(name, concurrency, async (job: Job<T>) => {
        const attempt = job.attemptsMade + 1;
        const run = handler(job.data, { attempt, final: attempt >= (job.opts.attempts ?? 1) });
        this.running.add(run);
        try {
          await run;
        } catch (error) {
          if (error instanceof PermanentJobError) job.discard();
          throw error;
        } finally {
          this.running.delete(run);
        }
      })
      .catch((error: unknown) => this.logger.error({ name, error: String(error) }, 'Job processing stopped'));
  }
}
