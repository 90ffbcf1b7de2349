import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { RateLimitedError } from '../../common/errors/app-error.js';
import { AppConfig } from '../../config/app-config.js';
import { MemoryWindowStore } from './memory-window-store.js';
import { RedisWindowStore } from './redis-window-store.js';
import type { WindowStore } from './window-store.js';

/** A budget: at most `limit` units per fixed window of `windowMs`. */
export interface RateRule {
  name: string;
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;

/**
 * Budgets per caller, shared by every instance through Redis when REDIS_URL is set (in this process
 * otherwise, and while Redis is away). A refused request gives back what it counted.
 */
@Injectable()
export class RateLimits implements OnApplicationShutdown {
  private readonly store: WindowStore;
  readonly rules: {
    authPerIp: RateRule;
    loginPerAccount: RateRule;
    leadIntakePerKey: RateRule;
    mailPerOrgMinute: RateRule;
    mailPerOrgDay: RateRule;
    pdfPerOrgMinute: RateRule;
  };

  constructor(config: AppConfig) {
    const limits = config.rateLimits;
    this.rules = {
      authPerIp: { name: 'auth-ip', limit: limits.authPerIpPerMinute, windowMs: MINUTE },
      loginPerAccount: { name: 'login-account', limit: limits.loginPerAccountPer15Minutes, windowMs: 15 * MINUTE },
      leadIntakePerKey: { name: 'intake-key', limit: config.leadIntakePerMinute, windowMs: MINUTE },
      mailPerOrgMinute: { name: 'mail-org-minute', limit: limits.mailPerOrgPerMinute, windowMs: MINUTE },
      mailPerOrgDay: { name: 'mail-org-day', limit: limits.mailPerOrgPerDay, windowMs: 24 * 60 * MINUTE },
      pdfPerOrgMinute: { name: 'pdf-org-minute', limit: config.pdf.perOrgPerMinute, windowMs: MINUTE },
    };
    const memory = new MemoryWindowStore();
    this.store = config.redisUrl ? new RedisWindowStore(config.redisUrl, config.queuePrefix, memory) : memory;
  }

  /** Counts `cost` units against the subject's budget, or throws 429 with the seconds until it renews. */
  async consume(rule: RateRule, subject: string, cost = 1): Promise<void> {
    const key = `${rule.name}:${subject}`;
    const { count, resetInMs } = await this.store.add(key, rule.windowMs, cost);
    if (count > rule.limit) {
      await this.store.remove(key, cost);
      throw new RateLimitedError(Math.max(1, Math.ceil(resetInMs / 1000)));
    }
  }

  /** Counts against several budgets at once: refused by any, none of them keeps the count. */
  async consumeAll(rules: RateRule[], subject: string, cost = 1): Promise<void> {
    // Counted in parallel rather than one round trip after another; if any refuses, the others are given back.
    const outcomes = await Promise.allSettled(rules.map((rule) => this.consume(rule, subject, cost)));
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    if (!refused) return;
    const counted = rules.filter((_, index) => outcomes[index].status === 'fulfilled');
    for (const rule of counted) await this.store.remove(`${rule.name}:${subject}`, cost);
    throw refused.reason;
  }

  onApplicationShutdown(): void {
    if (this.store instanceof RedisWindowStore) this.store.close();
  }
}
