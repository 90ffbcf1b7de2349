import { DataSource, type Logger } from 'typeorm';
import type { TestApp } from './test-app.js';

/** How many SQL statements `work` sends, after one uncounted run that warms caches (the session check). */
export async function countQueries(t: TestApp, work: () => Promise<unknown>): Promise<number> {
  await work();
  const dataSource = t.app.get(DataSource) as unknown as { logger: Logger };
  const original = dataSource.logger;
  let count = 0;
  dataSource.logger = {
    logQuery: () => {
      count += 1;
    },
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  try {
    await work();
  } finally {
    dataSource.logger = original;
  }
  return count;
}
