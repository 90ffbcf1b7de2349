import type { FactoryProvider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { DatabaseEndpoint } from './database-endpoint.js';
import { dataSourceOptions } from './data-source-options.js';

/** Background work may wait this long for one of its few connections: nobody is waiting on an answer. */
const BACKGROUND_ACQUIRE_MS = 30_000;

/**
 * The connections background work runs on (Db.inBackground): its own small pool on PostgreSQL, so
 * requests that fill the request pool (a locked table, a flood) never stall the mail worker or the
 * outbox dispatcher, and background work never takes a connection a request needs. It shares the
 * request pool on the embedded engine (one connection) or with DATABASE_BACKGROUND_POOL_SIZE=0.
 */
export class BackgroundPool {
  constructor(
    readonly source: DataSource,
    private readonly own: boolean,
  ) {}

  async close(): Promise<void> {
    if (this.own && this.source.isInitialized) await this.source.destroy();
  }
}

export const backgroundPoolProvider: FactoryProvider<BackgroundPool> = {
  provide: BackgroundPool,
  inject: [getDataSourceToken(), DatabaseEndpoint, AppConfig],
  useFactory: async (requests: DataSource, endpoint: DatabaseEndpoint, config: AppConfig) => {
    const { url, embedded, prepareStatements } = await endpoint.connection();
    const size = config.database.backgroundPoolSize;
    if (embedded || size === 0) return new BackgroundPool(requests, false);
    const limits = { ...config.database.limits, acquireTimeoutMs: Math.max(config.database.limits.acquireTimeoutMs, BACKGROUND_ACQUIRE_MS) };
    const source = new DataSource({ ...dataSourceOptions(url, size, limits, prepareStatements), entities: requests.entityMetadatas.map((metadata) => metadata.target) });
    return new BackgroundPool(await source.initialize(), true);
  },
};
