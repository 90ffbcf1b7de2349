import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { EmbeddedPostgres } from './embedded-postgres.js';

/** Where the database is: DATABASE_URL, or an embedded PGlite started for this process. */
@Injectable()
export class DatabaseEndpoint implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseEndpoint.name);
  private embedded?: EmbeddedPostgres;

  constructor(private readonly config: AppConfig) {}

  /**
   * The connection string and pool size. PGlite runs one session: its socket server interleaves
   * the statements of concurrent connections in it, so two open transactions would mix. One
   * pooled connection makes every transaction exclusive, as PostgreSQL's isolation promises. For
   * the same reason statements are not prepared there: a prepared statement would outlive the
   * pooled connection that named it, and the next connection would name it again.
   */
  async connection(): Promise<{ url: string; poolSize: number; prepareStatements: boolean; embedded: boolean }> {
    const { url, poolSize, prepareStatements, embeddedDataDir } = this.config.database;
    if (url) return { url, poolSize, prepareStatements, embedded: false };
    if (!this.embedded) {
      this.logger.warn(
        `DATABASE_URL is not set: using the embedded PGlite database in ${embeddedDataDir} ` +
          '(for development and tests; production uses PostgreSQL)',
      );
      this.embedded = await EmbeddedPostgres.start({ dataDir: embeddedDataDir });
    }
    return { url: this.embedded.url, poolSize: 1, prepareStatements: false, embedded: true };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.embedded?.stop();
  }
}
