import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../../migrations/index.js';
import { PreparingClient } from './preparing-client.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** How long the app lets one statement run, waits for a free pooled connection, and waits on a lock. */
export interface PoolLimits {
  statementTimeoutMs: number;
  acquireTimeoutMs: number;
  lockTimeoutMs: number;
}

/**
 * The connection settings shared by the app and the TypeORM CLI (ormconfig.ts). Entities are
 * added by each caller: the app registers them per module, the CLI loads the compiled files.
 * `prepareStatements` runs parameterized statements as named prepared statements (PreparingClient).
 */
export function dataSourceOptions(url: string, poolSize = 10, limits?: PoolLimits, prepareStatements = false): DataSourceOptions {
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
          ...(prepareStatements ? { Client: PreparingClient } : {}),
          connectionTimeoutMillis: limits.acquireTimeoutMs,
          statement_timeout: limits.statementTimeoutMs,
          // A table locked by a migration or an operator gives up its waiters soon (503 SERVICE_BUSY),
          // instead of letting them fill the pool that every other tenant's requests need.
          lock_timeout: limits.lockTimeoutMs,
          idle_in_transaction_session_timeout: Math.max(limits.statementTimeoutMs * 4, 60_000),
          // Requests and their triggers are short statements whose estimated costs can still pass
          // jit_above_cost (a trigger's transition table is guessed at): compiling them took up
          // to a second each, far more than running them.
          options: '-c jit=off',
        }
      : { max: poolSize },
  };
}
