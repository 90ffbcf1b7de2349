import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, type Logger } from 'typeorm';
import { SessionCache } from '../../src/modules/auth/session-cache.js';
import { MembershipCache } from '../../src/modules/users/membership-cache.js';
import type { TestApp } from './test-app.js';

/** Marks the statements `work` causes (requests are injected in-process, so the context follows them). */
const counted = new AsyncLocalStorage<true>();

export interface Statement {
  query: string;
  parameters: unknown[];
}

/**
 * The SQL statements `work` sends, after one uncounted run that warms caches. The session and
 * membership caches are emptied first, so the warm-up (not the counted run) is the one that
 * refills them, however long the setup before took. Statements of background work (job queues
 * delivering notices queued by the setup) run outside `work`'s async context and are left out.
 */
export async function captureQueries(t: TestApp, work: () => Promise<unknown>): Promise<Statement[]> {
  t.app.get(SessionCache).forgetAll();
  t.app.get(MembershipCache).forgetAll();
  await work();
  const dataSource = t.app.get(DataSource) as unknown as { logger: Logger };
  const original = dataSource.logger;
  const statements: Statement[] = [];
  dataSource.logger = {
    logQuery: (query, parameters) => {
      if (counted.getStore()) statements.push({ query, parameters: Array.isArray(parameters) ? parameters : [] });
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
  return statements;
}

/** How many SQL statements `work` sends (see captureQueries). */
export async function countQueries(t: TestApp, work: () => Promise<unknown>): Promise<number> {
  return (await captureQueries(t, work)).length;
}

/**
 * Tables a statement would read whole even if an index could serve it: each SELECT is explained with
 * sequential scans priced out of reach, so a Seq Scan left in the plan means no index fits. On a
 * small test database the planner would rightly scan; at volume, in a database shared by many
 * organizations, that scan is what a missing index costs.
 */
export async function sequentialScans(t: TestApp, statements: Statement[]): Promise<string[]> {
  const dataSource = t.app.get(DataSource);
  const found: string[] = [];
  for (const { query, parameters } of statements.filter((statement) => /^\s*SELECT/i.test(statement.query))) {
    await dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      const [{ 'QUERY PLAN': plan }] = (await manager.query(`EXPLAIN (FORMAT JSON) ${query}`, parameters)) as { 'QUERY PLAN': unknown }[];
      const walk = (node: { 'Node Type'?: string; 'Relation Name'?: string; Plans?: unknown[]; Plan?: unknown }): void => {
        if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) found.push(`${node['Relation Name']} in: ${query.slice(0, 160)}`);
        for (const child of [node.Plan, ...(node.Plans ?? [])]) if (child) walk(child as typeof node);
      };
      for (const root of plan as unknown[]) walk(root as Parameters<typeof walk>[0]);
    });
  }
  return found;
}
