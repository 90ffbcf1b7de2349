import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/**
 * The connection settings shared by the app and the TypeORM CLI (ormconfig.ts). Entities are
 * added by each caller: the app registers them per module, the CLI loads the compiled files.
 */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    uuidExtension: 'pgcrypto',
    namingStrategy: new SnakeNamingStrategy(),
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: poolSize },
  };
}
