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

  async readiness(): Promise<ReadinessDto> {
    const [database, redis] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      this.config.redisUrl ? probe(() => this.redisClient().ping()) : Promise.resolve('not_configured' as const),
    ]);
    const ready = database === 'up' && redis !== 'down';
    return { status: ready ? 'ok' : 'unavailable', checks: { database, redis } };
  }

  private redisClient(): Redis {
    this.redis ??= new Redis(this.config.redisUrl as string, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
    });
    return this.redis;
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis?.disconnect();
  }
}
