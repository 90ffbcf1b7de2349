/** What a handler learns about the run it is in. */
export interface JobRun {
  /** 1 for the first run. */
  attempt: number;
  /** True when no retry follows a failure of this run. */
  final: boolean;
}

export type JobHandler<T> = (data: T, run: JobRun) => Promise<void>;

export interface JobOptions {
  /** Unique per job: adding an id the queue already holds is a no-op. */
  jobId: string;
  delayMs: number;
}

/** Thrown by a handler when retrying cannot help (no SMTP server configured, say). */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

/** Thrown by `add` when the queue did not accept the job in time (Redis down or slow). */
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';
}

/**
 * The background queue: Bull on Redis when REDIS_URL is set (shared by every instance), else
 * timers in this process. Producers do not call it directly: they write to the Outbox, whose
 * dispatcher hands jobs over here.
 */
export abstract class JobQueue {
  /** Whether `add` can be tried now (Redis connected); never waits. */
  abstract get available(): boolean;
  /** Accepts the job or throws QueueUnavailableError quickly; never waits on Redis for long. */
  abstract add(name: string, data: object, options: JobOptions): Promise<void>;
  abstract process<T>(name: string, concurrency: number, handler: JobHandler<T>): void;
  /** Of these job ids, those the queue does not hold (lost with a Redis that restarted empty). */
  abstract missing(jobIds: readonly string[]): Promise<string[]>;
  /** Calls `listener` each time the queue's connection comes back after a loss. */
  abstract onReconnect(listener: () => void): void;
}

/** Delay before attempt `attempt` (1-based) after a failure: base, 2x base, 4x base... */
export const backoffMs = (baseMs: number, attempt: number) => baseMs * 2 ** Math.max(0, attempt - 1);

/** Rejects with QueueUnavailableError when `promise` takes longer than `ms`. */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailableError(`${what} took longer than ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
