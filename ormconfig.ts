import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { parseEnvironment } from './src/config/environment.js';
import { dataSourceOptions } from './src/common/database/data-source-options.js';
import { EmbeddedPostgres } from './src/common/database/embedded-postgres.js';

/**
 * The DataSource of the TypeORM CLI (`npm run migration:*`), run on the compiled build.
 * Without DATABASE_URL it opens the same embedded database the app uses.
 */
async function createCliDataSource(): Promise<DataSource> {
  const env = parseEnvironment(process.env);
  const embedded = env.DATABASE_URL ? undefined : await EmbeddedPostgres.start({ dataDir: env.PGLITE_DATA_DIR });
  return new DataSource({
    ...dataSourceOptions(embedded?.url ?? env.DATABASE_URL!, embedded ? 1 : 2),
    entities: [join(import.meta.dirname, 'src/**/*.entity.js')],
  });
}

export default createCliDataSource();
