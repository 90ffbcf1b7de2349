import { Redis } from 'ioredis';
import { withDeadline } from '../jobs/job-queue.js';
import type { WindowCount, WindowStore } from './window-store.js';

/** Redis must answer within this, or the request is counted in the process instead. */
const COMMAND_TIMEOUT_MS = 500;

// INCRBY, and a TTL for a window that has just started (or lost its TTL).
const ADD = `
local count = redis.call('INCRBY', KEYS[1], ARGV[2])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

/**
 * Counters in Redis, shared by every API instance. Never waits on Redis: while it is disconnected
 * or slow, counting falls back to `fallback` in this process, so limits still hold per instance.
 */
export class RedisWindowStore implements WindowStore {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly fallback: WindowStore,
  ) {
    this.redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
    this.redis.on('error', () => undefined);
  }

  async add(key: string, windowMs: number, cost: number): Promise<WindowCount> {
    if (this.redis.status !== 'ready') return this.fallback.add(key, windowMs, cost);
    try {
      const [count, ttl] = (await withDeadline(
        this.redis.eval(ADD, 1, `${this.prefix}:rl:${key}`, windowMs, cost),
        COMMAND_TIMEOUT_MS,
        'Counting a request in Redis',
      )) as [number, number];
      return { count, resetInMs: ttl };
    } catch {
      return this.fallback.add(key, windowMs, cost);
    }
  }

  async remove(key: string, cost: number): Promise<void> {
    if (this.redis.status !== 'ready') return this.fallback.remove(key, cost);
    await withDeadline(this.redis.decrby(`${this.prefix}:rl:${key}`, cost), COMMAND_TIMEOUT_MS, 'Redis').catch(() => undefined);
  }

  close(): void {
    this.redis.disconnect();
  }
}
