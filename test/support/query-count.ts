import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, type Logger } from 'typeorm';
import { SessionCache } from '../../src/modules/auth/session-cache.js';
import { MembershipCache } from '../../src/modules/users/membership-cache.js';
import type { TestApp } from './test-app.js';

/** Marks the statements `work` causes (requests are injected in-process, so the context follows them). */
const counted = new AsyncLocalStorage<true>();

/**
 * How many SQL statements `work` sends, after one uncounted run that warms caches. The session
 * cache is emptied first, so the warm-up (not the counted run) is the one that refills it, however
 * long the setup before took. Statements of background work (job queues delivering notices queued
 * by the setup) run outside `work`'s async context and are not counted.
 */
export async function countQueries(t: TestApp, work: () => Promise<unknown>): Promise<number> {
  t.app.get(SessionCache).forgetAll();
  t.app.get(MembershipCache).forgetAll();
  await work();
  const dataSource = t.app.get(DataSource) as unknown as { logger: Logger };
  const original = dataSource.logger;
  let count = 0;
  dataSource.logger = {
    logQuery: () => {
      if (counted.getStore()) count += 1;
    },
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  try {
    await counted.run(true, work);
  } finally {
    dataSource.logger = original;
  }
  return count;
}
