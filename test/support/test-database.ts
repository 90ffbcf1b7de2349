import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { withFileLock } from './file-lock.js';
import { runMigrations } from '../../src/common/database/migrate.js';

/**
 * One migrated template per test run, one fresh database per test file: on PostgreSQL a
 * `CREATE DATABASE ... TEMPLATE`; on the embedded engine a PGlite of the worker's database process
 * (embedded-farm.mjs), started from the run's migrated dump and reset to it between files. The
 * first file to need the template makes it under a lock (Jest's globalSetup cannot load this ESM
 * code); global-teardown.mjs removes it.
 */
const RUN_ID = process.env.CRM_TEST_RUN_ID ?? String(process.pid);
const TEMPLATE = `crm_test_tpl_${RUN_ID}`;
const DUMP_PATH = join(tmpdir(), `crm-test-${RUN_ID}.tar`);

export interface TestDatabase {
  url: string;
  /** One connection on the embedded engine: see DatabaseEndpoint. */
  poolSize: number;
  /** Not on the embedded engine: its one session outlives the pooled connection that would name a statement. */
  prepareStatements: boolean;
  dispose(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function ensureTemplate(serverUrl: string): Promise<void> {
  await admin(serverUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [TEMPLATE]);
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE]);
      if (found.rowCount) return;
      await client.query(`CREATE DATABASE "${TEMPLATE}"`);
      await runMigrations(withDatabase(serverUrl, TEMPLATE));
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [TEMPLATE]);
    }
  });
}

/** This worker's embedded-database farm (global-setup.mjs started one per worker), or the first, which makes the template. */
function farm(first = false): string {
  const farms = process.env.CRM_TEST_FARMS?.split(',');
  if (!farms?.length) throw new Error('No embedded-database farm: run the tests through Jest (global-setup.mjs starts them)');
  return farms[first ? 0 : (Number(process.env.JEST_WORKER_ID ?? 1) - 1) % farms.length];
}

async function ask(method: 'POST' | 'DELETE', path: string, first = false): Promise<{ id: string; url: string }> {
  const response = await fetch(`${farm(first)}${path}`, { method });
  if (!response.ok) throw new Error(`embedded-database farm: ${await response.text()}`);
  return response.json() as Promise<{ id: string; url: string }>;
}

async function ensureDump(): Promise<void> {
  await withFileLock(`${DUMP_PATH}.lock`, async () => {
    if (existsSync(DUMP_PATH)) return;
    const fresh = await ask('POST', '/fresh', true);
    await runMigrations(fresh.url);
    await ask('POST', `/dump?id=${fresh.id}&path=${encodeURIComponent(DUMP_PATH)}`, true);
  });
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    await ensureTemplate(serverUrl);
    const name = `crm_test_${randomBytes(6).toString('hex')}`;
    await admin(serverUrl, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE}"`));
    return {
      url: withDatabase(serverUrl, name),
      poolSize: 10,
      prepareStatements: true,
      dispose: async () => {
        await admin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      },
    };
  }
  await ensureDump();
  const embedded = await ask('POST', `/databases?dump=${encodeURIComponent(DUMP_PATH)}`);
  return {
    url: embedded.url,
    poolSize: 1,
    prepareStatements: false,
    dispose: async () => void (await ask('DELETE', `/databases?id=${embedded.id}`)),
  };
}
