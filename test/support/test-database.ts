import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { withFileLock } from './file-lock.js';
import { runMigrations } from '../../src/common/database/migrate.js';
import { EmbeddedPostgres } from '../../src/common/database/embedded-postgres.js';

/**
 * One migrated template per test run, one fresh database per test file: on PostgreSQL a
 * `CREATE DATABASE ... TEMPLATE`, on the embedded engine a PGlite restored from a dump. The first
 * file to need the template makes it under a lock (Jest's globalSetup cannot load this ESM code);
 * global-teardown.mjs removes it.
 */
const RUN_ID = process.env.CRM_TEST_RUN_ID ?? String(process.pid);
const TEMPLATE = `crm_test_tpl_${RUN_ID}`;
const DUMP_PATH = join(tmpdir(), `crm-test-${RUN_ID}.tar.gz`);

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

async function ensureDump(): Promise<Buffer> {
  return withFileLock(`${DUMP_PATH}.lock`, async () => {
    if (existsSync(DUMP_PATH)) return readFile(DUMP_PATH);
    const embedded = await EmbeddedPostgres.start({ dataDir: 'memory://' });
    try {
      await runMigrations(embedded.url);
      const dump = Buffer.from(await (await embedded.dump()).arrayBuffer());
      await writeFile(DUMP_PATH, dump);
      return dump;
    } finally {
      await embedded.stop();
    }
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
  const embedded = await EmbeddedPostgres.start({ dataDir: 'memory://', loadDataDir: new Blob([await ensureDump()]) });
  return { url: embedded.url, poolSize: 1, prepareStatements: false, dispose: () => embedded.stop() };
}
