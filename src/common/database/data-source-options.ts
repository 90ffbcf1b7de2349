import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../../migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/**
 * The connection settings shared by the app and the TypeORM CLI (ormconfig.ts). Entities are
 * added by each caller: the app registers them per module, the CLI loads the compiled files.
 */
/** How long the app lets one statement run, and waits for a free pooled connection. */
export interface PoolLimits {
  statementTimeoutMs: number;
  acquireTimeoutMs: number;
}

export function dataSourceOptions(url: string, poolSize = 10, limits?: PoolLimits): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    uuidExtension: 'pgcrypto',
    namingStrategy: new SnakeNamingStrategy(),
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Without limits (the CLI, migrations) statements may run as long as they need.
    extra: limits
      ? {
          max: poolSize,
          connectionTimeoutMillis: limits.acquireTimeoutMs,
          statement_timeout: limits.statementTimeoutMs,
          idle_in_transaction_session_timeout: Math.max(limits.statementTimeoutMs * 4, 60_000),
        }
      : { max: poolSize },
  };
}
