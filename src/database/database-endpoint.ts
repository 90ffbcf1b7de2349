import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { EmbeddedPostgres } from './embedded-postgres.js';

/** Where the database is: DATABASE_URL, or an embedded PGlite started for this process. */
@Injectable()
export class DatabaseEndpoint implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseEndpoint.name);
  private embedded?: EmbeddedPostgres;

  constructor(private readonly config: AppConfig) {}

  async url(): Promise<string> {
    const { url, embeddedDataDir } = this.config.database;
    if (url) return url;
    if (!this.embedded) {
      this.logger.warn(
        `DATABASE_URL is not set: using the embedded PGlite database in ${embeddedDataDir} ` +
          '(for development and tests; production uses PostgreSQL)',
      );
      this.embedded = await EmbeddedPostgres.start({ dataDir: embeddedDataDir });
    }
    return this.embedded.url;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.embedded?.stop();
  }
}
