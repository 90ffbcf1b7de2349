import type { WindowCount, WindowStore } from './window-store.js';

const MAX_TRACKED = 100_000;

/** Fixed windows counted in this process: the store without Redis, and the fallback while Redis is away. */
export class MemoryWindowStore implements WindowStore {
  private readonly windows = new Map<string, { start: number; count: number }>();

  async add(key: string, windowMs: number, cost: number, now = Date.now()): Promise<WindowCount> {
    let window = this.windows.get(key);
    if (!window || now - window.start >= windowMs) {
      if (this.windows.size >= MAX_TRACKED) this.prune(now, windowMs);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += cost;
    return { count: window.count, resetInMs: window.start + windowMs - now };
  }

  async remove(key: string, cost: number): Promise<void> {
    const window = this.windows.get(key);
    if (window) window.count = Math.max(0, window.count - cost);
  }

  private prune(now: number, windowMs: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= windowMs) this.windows.delete(key);
    // Still full: many keys in long windows. Forgetting some errs on the side of letting requests through.
    if (this.windows.size >= MAX_TRACKED) this.windows.clear();
  }
}
