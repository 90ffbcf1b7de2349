import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from '../../common/errors/app-error.js';
import { AppConfig } from '../../config/app-config.js';

/** A budget: at most `limit` units per fixed window of `windowMs`. */
export interface RateRule {
  name: string;
  limit: number;
  windowMs: number;
}

/** What is left of a budget after a request counted against it. */
export interface RateState {
  rule: RateRule;
  remaining: number;
  resetInMs: number;
}

const MINUTE = 60_000;
/** Redis must answer within this, or the request is counted in this process instead. */
const COMMAND_TIMEOUT_MS = 500;

/**
 * Budgets per caller (rate-limiter-flexible), shared by every instance through Redis when
 * REDIS_URL is set, in this process otherwise; while Redis is away or slow, each instance counts
 * in memory (the limiter's insurance), so limits still hold per instance and no request waits on
 * Redis. A refused request gives back what it counted.
 */
@Injectable()
export class RateLimits implements OnApplicationShutdown {
  private readonly redis?: Redis;
  private readonly limiters = new Map<string, RateLimiterAbstract>();
  readonly rules: {
    authPerIp: RateRule;
    loginPerAccount: RateRule;
    leadIntakePerKey: RateRule;
    mailPerOrgMinute: RateRule;
    mailPerOrgDay: RateRule;
    pdfPerOrgMinute: RateRule;
    perApiKey: RateRule;
    perMember: RateRule;
  };

  constructor(private readonly config: AppConfig) {
    const limits = config.rateLimits;
    this.rules = {
      authPerIp: { name: 'auth-ip', limit: limits.authPerIpPerMinute, windowMs: MINUTE },
      loginPerAccount: { name: 'login-account', limit: limits.loginPerAccountPer15Minutes, windowMs: 15 * MINUTE },
      leadIntakePerKey: { name: 'intake-key', limit: config.leadIntakePerMinute, windowMs: MINUTE },
      mailPerOrgMinute: { name: 'mail-org-minute', limit: limits.mailPerOrgPerMinute, windowMs: MINUTE },
      mailPerOrgDay: { name: 'mail-org-day', limit: limits.mailPerOrgPerDay, windowMs: 24 * 60 * MINUTE },
      pdfPerOrgMinute: { name: 'pdf-org-minute', limit: config.pdf.perOrgPerMinute, windowMs: MINUTE },
      perApiKey: { name: 'api-key', limit: limits.apiKeyPerMinute, windowMs: MINUTE },
      perMember: { name: 'member', limit: limits.memberPerMinute, windowMs: MINUTE },
    };
    if (config.redisUrl) {
      this.redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: COMMAND_TIMEOUT_MS });
      this.redis.on('error', () => undefined);
    }
  }

  /** Counts `cost` units against the subject's budget and says what is left, or throws 429 with the seconds until it renews. */
  async consume(rule: RateRule, subject: string, cost = 1): Promise<RateState> {
    const limiter = this.limiterFor(rule);
    try {
      const counted = await limiter.consume(subject, cost);
      return { rule, remaining: counted.remainingPoints, resetInMs: counted.msBeforeNext };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      // The refused units are not kept: a client that waits gets its whole budget back.
      await limiter.reward(subject, cost).catch(() => undefined);
      throw new RateLimitedError(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)));
    }
  }

  /**
   * consume(), telling the caller what is left as the IETF draft's RateLimit-Policy and RateLimit
   * headers (draft-ietf-httpapi-ratelimit-headers); of two budgets a request spends, the headers tell the last.
   */
  async consumeTelling(reply: FastifyReply, rule: RateRule, subject: string): Promise<void> {
    void reply.header('ratelimit-policy', `"${rule.name}";q=${rule.limit};w=${rule.windowMs / 1000}`);
    try {
      const { remaining, resetInMs } = await this.consume(rule, subject);
      void reply.header('ratelimit', `"${rule.name}";r=${remaining};t=${Math.ceil(resetInMs / 1000)}`);
    } catch (error) {
      if (error instanceof RateLimitedError) void reply.header('ratelimit', `"${rule.name}";r=0;t=${error.retryAfterSeconds}`);
      throw error;
    }
  }

  /** Counts against several budgets at once: refused by any, none of them keeps the count. */
  async consumeAll(rules: RateRule[], subject: string, cost = 1): Promise<void> {
    // Counted in parallel rather than one round trip after another; if any refuses, the others are given back.
    const outcomes = await Promise.allSettled(rules.map((rule) => this.consume(rule, subject, cost)));
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    if (!refused) return;
    const counted = rules.filter((_, index) => outcomes[index].status === 'fulfilled');
    for (const rule of counted) await this.limiterFor(rule).reward(subject, cost).catch(() => undefined);
    throw refused.reason;
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }

  private limiterFor(rule: RateRule): RateLimiterAbstract {
    let limiter = this.limiters.get(rule.name);
    if (!limiter) {
      const options = { points: rule.limit, duration: rule.windowMs / 1000, keyPrefix: `${this.config.queuePrefix}:rl:${rule.name}` };
      const memory = new RateLimiterMemory(options);
      limiter = this.redis ? new RateLimiterRedis({ ...options, storeClient: this.redis, insuranceLimiter: memory }) : memory;
      this.limiters.set(rule.name, limiter);
    }
    return limiter;
  }
}
