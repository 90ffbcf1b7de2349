import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Db } from './transactions.js';
import { AppConfig } from '../../config/app-config.js';
import { DatabaseEndpoint } from './database-endpoint.js';
import { dataSourceOptions } from './data-source-options.js';
import { runMigrations } from './migrate.js';
import { backgroundPoolProvider } from './background-pool.js';

/** How long a request may wait for the embedded engine's one connection. */
const ONE_CONNECTION_ACQUIRE_MS = 30_000;

@Module({ providers: [DatabaseEndpoint], exports: [DatabaseEndpoint] })
class DatabaseEndpointModule {}

/**
 * The request pool, with a statement timeout and a wait limit for a free connection (both answer
 * 503 with Retry-After), and a small pool of its own for background work (BackgroundPool); pending
 * migrations run before the app serves requests.
 */
@Global()
@Module({
  providers: [backgroundPoolProvider, Db],
  exports: [Db],
  imports: [
    DatabaseEndpointModule,
    TypeOrmModule.forRootAsync({
      imports: [DatabaseEndpointModule],
      inject: [DatabaseEndpoint, AppConfig],
      useFactory: async (endpoint: DatabaseEndpoint, config: AppConfig) => {
        const { url, poolSize, prepareStatements, embedded } = await endpoint.connection();
        // Migrations first, on a connection of their own without the request-serving time limits.
        await runMigrations(url);
        // The embedded engine's one connection serves every request in turn: a short wait for it
        // would shed load that PostgreSQL's pool would simply take.
        const limits = embedded ? { ...config.database.limits, acquireTimeoutMs: Math.max(config.database.limits.acquireTimeoutMs, ONE_CONNECTION_ACQUIRE_MS) } : config.database.limits;
        return { ...dataSourceOptions(url, poolSize, limits, prepareStatements), autoLoadEntities: true };
      },
    }),
  ],
})
export class DatabaseModule {}
