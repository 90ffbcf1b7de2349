import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { backoffMs, type JobHandler, type JobOptions, JobQueue, PermanentJobError } from './job-queue.js';

interface Registered {
  handler: JobHandler<unknown>;
  concurrency: number;
  running: number;
  waiting: (() => void)[];
}

/**
 * The queue without Redis: timers in this process, with the same attempts and backoff as Bull.
 * Nothing here survives a restart, and need not: the outbox row stays until its job has run.
 * Delays are short by construction (the dispatcher hands over only jobs due within its horizon),
 * so no timer comes near Node's 24.8-day limit.
 */
@Injectable()
export class InProcessJobQueue extends JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(InProcessJobQueue.name);
  private readonly handlers = new Map<string, Registered>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly config: AppConfig) {
    super();
  }

  get available(): boolean {
    return !this.stopped;
  }

  async add(name: string, data: object, { jobId, delayMs }: JobOptions): Promise<void> {
    if (this.timers.has(jobId)) return;
    this.schedule(name, jobId, data, delayMs, 1);
  }

  /** Nothing is lost while the process lives; a restart hands every row over again (Outbox). */
  async missing(): Promise<string[]> {
    return [];
  }

  onReconnect(): void {
    // There is no connection to lose.
  }

  process<T>(name: string, concurrency: number, handler: JobHandler<T>): void {
    this.handlers.set(name, { handler: handler as JobHandler<unknown>, concurrency, running: 0, waiting: [] });
  }

  /** Waits for jobs already running; pending timers are dropped (their outbox rows remain). */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private schedule(name: string, jobId: string, data: object, delayMs: number, attempt: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(jobId);
      const run = this.run(name, jobId, data, attempt).finally(() => this.running.delete(run));
      this.running.add(run);
    }, Math.max(0, delayMs));
    timer.unref();
    this.timers.set(jobId, timer);
  }

  private async run(name: string, jobId: string, data: object, attempt: number): Promise<void> {
    const registered = this.handlers.get(name);
    if (!registered) {
      this.logger.error({ name, jobId }, 'No handler for job');
      return;
    }
    const { maxAttempts, retryDelayMs } = this.config.jobs;
    await this.slot(registered);
    try {
      await registered.handler(data, { attempt, final: attempt >= maxAttempts });
    } catch (error) {
      if (!(error instanceof PermanentJobError) && attempt < maxAttempts) {
        this.schedule(name, jobId, data, backoffMs(retryDelayMs, attempt), attempt + 1);
      } else {
        this.logger.error({ name, jobId, attempt, error: String(error) }, 'Job failed for good');
      }
    } finally {
      registered.running -= 1;
      registered.waiting.shift()?.();
    }
  }

  /** Waits until fewer than `concurrency` jobs of this name run. */
  private async slot(registered: Registered): Promise<void> {
    while (registered.running >= registered.concurrency) {
      await new Promise<void>((resolve) => registered.waiting.push(resolve));
    }
    registered.running += 1;
  }
}
