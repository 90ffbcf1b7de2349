/** A counter in a fixed time window. */
export interface WindowCount {
  count: number;
  resetInMs: number;
}

/** Where rate-limit counters live: Redis (shared by every instance) or this process. */
export interface WindowStore {
  /** Adds `cost` to the key's current window (starting one if none) and returns the new count. */
  add(key: string, windowMs: number, cost: number): Promise<WindowCount>;
  /** Takes back `cost` (a request that was refused should not use up the budget). */
  remove(key: string, cost: number): Promise<void>;
}
