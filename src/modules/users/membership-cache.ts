import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../../config/app-config.js';
import type { Membership } from './members.service.js';

const MAX_ENTRIES = 10_000;

/**
 * Who is an active member of which organization, with what role: read on every request, so each
 * process keeps what it read for MEMBERSHIP_CACHE_MS. A change forgets the entry here at once and,
 * with REDIS_URL, in every other process through a pub/sub message; if that message is lost
 * (Redis down), the other processes still read afresh once their entry is older than the bound.
 */
@Injectable()
export class MembershipCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(MembershipCache.name);
  private readonly entries = new Map<string, { membership: Membership | null; at: number }>();
  private publisher?: Redis;
  private subscriber?: Redis;

  constructor(private readonly config: AppConfig) {}

  private get channel(): string {
    return `${this.config.queuePrefix}:membership-changed`;
  }

  onModuleInit(): void {
    const url = this.config.redisUrl;
    if (!url) return;
    const options = { maxRetriesPerRequest: 1, connectTimeout: 2000, enableOfflineQueue: false } as const;
    this.publisher = new Redis(url, options);
    // The subscriber queues its SUBSCRIBE until connected, and subscribes again after a reconnect.
    this.subscriber = new Redis(url, { ...options, enableOfflineQueue: true });
    for (const client of [this.publisher, this.subscriber]) client.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, key: string) => this.entries.delete(key));
    // A message missed while disconnected is covered by the entries' age: forget them all on return.
    this.subscriber.on('ready', () => this.entries.clear());
    // Not awaited: with Redis down the server still starts, and entries expire by age until it returns.
    void this.subscriber.subscribe(this.channel).catch((error: unknown) => this.logger.warn({ error: String(error) }, 'Membership changes not subscribed; entries expire by age'));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.publisher, this.subscriber].map((client) => client?.quit().catch(() => undefined)));
  }

  async get(userId: string, orgId: string, load: () => Promise<Membership | null>, now = Date.now()): Promise<Membership | null> {
    const key = `${orgId}:${userId}`;
    const entry = this.entries.get(key);
    if (entry && now - entry.at <= this.config.membershipCacheMs) return entry.membership;
    const membership = await load();
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { membership, at: now });
    return membership;
  }

  /** The membership changed (call after the change committed): forgotten here and announced to the other processes. */
  changed(orgId: string, userId: string): void {
    const key = `${orgId}:${userId}`;
    this.entries.delete(key);
    if (this.publisher?.status === 'ready') {
      this.publisher.publish(this.channel, key).catch((error: unknown) => this.logger.warn({ error: String(error) }, 'Membership change not announced'));
    }
  }

  /** Forgets everything this process read. */
  forgetAll(): void {
    this.entries.clear();
  }
}
