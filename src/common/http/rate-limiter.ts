import { RateLimitedError } from '../errors/app-error.js';

const WINDOW_MS = 60_000;
const MAX_TRACKED = 10_000;

/**
 * A fixed one-minute window per key, in this process. Enough for one API instance; several
 * instances would each allow the limit (a Redis counter is the next step there).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly perMinute: number) {}

  /** Counts one request for `key`, or throws 429 with the seconds until the window resets. */
  take(key: string, now = Date.now()): void {
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size >= MAX_TRACKED) this.prune(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.perMinute) {
      throw new RateLimitedError(Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000)));
    }
    window.count += 1;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(key);
  }
}
