import { Injectable } from '@nestjs/common';
import { type SessionState, UsersService } from '../users/users.service.js';

/** How stale a person's session state may be: a detached or disabled person is refused within this. */
export const SESSION_CACHE_MS = 5000;
const MAX_ENTRIES = 10_000;

/**
 * Whether a person's tokens still count (the person exists, is active, and has not had every
 * session ended), checked on every request and refresh; cached briefly so a request costs no query.
 */
@Injectable()
export class SessionCache {
  private readonly entries = new Map<string, { state: SessionState | null; at: number }>();

  constructor(private readonly users: UsersService) {}

  async isAlive(userId: string, tokenVersion: number, now = Date.now()): Promise<boolean> {
    let entry = this.entries.get(userId);
    if (!entry || now - entry.at > SESSION_CACHE_MS) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      entry = { state: await this.users.sessionState(userId), at: now };
      this.entries.set(userId, entry);
    }
    return entry.state !== null && entry.state.isActive && entry.state.sessionVersion === tokenVersion;
  }

  /** Forgets what this process knows of the person (after a change made here). */
  forget(userId: string): void {
    this.entries.delete(userId);
  }

  /** Forgets everyone, so the next request of each person looks them up afresh. */
  forgetAll(): void {
    this.entries.clear();
  }
}
