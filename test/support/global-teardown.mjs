// Plain JavaScript: Jest loads global hooks with require(), which cannot run this repo's ESM TypeScript.
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Removes what test-database.ts made once for this run. */
export default async function globalTeardown() {
  for (const { child } of globalThis.crmTestFarms ?? []) child.kill();
  const runId = process.env.CRM_TEST_RUN_ID;
  if (!runId) return;
  await rm(join(tmpdir(), `crm-test-${runId}.tar`), { force: true });
  if (!process.env.DATABASE_URL) return;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "crm_test_tpl_${runId}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
