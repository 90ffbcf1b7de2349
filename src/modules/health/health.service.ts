import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import type { ReadinessDto } from './dto/health.dto.js';

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS).unref()),
  ]);
}

const probe = (check: () => Promise<unknown>) =>
  withTimeout(check()).then(
    () => 'up' as const,
    () => 'down' as const,
  );

@Injectable()
export class HealthService implements OnApplicationShutdown {
  private redis?: Redis;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  private draining = false;

  /** SIGTERM: from now on the instance reports itself unready, so a load balancer stops sending to it. */
  drain(): void {
    this.draining = true;
  }

  /**
   * Ready unless the instance cannot serve: no database, or shutting down. Redis down only
   * degrades it (200): writes keep succeeding (work waits in the outbox, limits count in memory),
   * and pulling every replica because a shared Redis restarted would take the whole API down.
   */
  async readiness(): Promise<ReadinessDto> {
    const [database, redis] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      this.config.redisUrl ? probe(() => this.redisClient().ping()) : Promise.resolve('not_configured' as const),
    ]);
    const status = this.draining ? 'shutting_down' : database !== 'up' ? 'unavailable' : redis === 'down' ? 'degraded' : 'ok';
    return { status, checks: { database, redis } };
  }

  private redisClient(): Redis {
    if (!this.redis) {
      this.redis = new Redis(this.config.redisUrl as string, {
        lazyConnect: true,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: true,
      });
      // Without a listener ioredis prints every reconnect failure as an unhandled error; the probe reports it instead.
      this.redis.on('error', () => undefined);
    }
    return this.redis;
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis?.disconnect();
  }
}
