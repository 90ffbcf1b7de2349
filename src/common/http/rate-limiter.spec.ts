import { RateLimitedError } from '../errors/app-error.js';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows the limit per key per minute, then says when to retry', () => {
    const limiter = new RateLimiter(2);
    limiter.take('a', 0);
    limiter.take('a', 1000);
    limiter.take('b', 1000);
    try {
      limiter.take('a', 15_000);
      throw new Error('expected 429');
    } catch (error) {
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterSeconds).toBe(45);
    }
  });

  it('opens a new window after a minute', () => {
    const limiter = new RateLimiter(1);
    limiter.take('a', 0);
    expect(() => limiter.take('a', 59_999)).toThrow(RateLimitedError);
    expect(() => limiter.take('a', 60_000)).not.toThrow();
  });
});
