import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** Shared by every organization: copied to every node once distributed (docs/scaling.md). */
const REFERENCE = ['organizations', 'users'];
/** Infrastructure and per-person rows that stay on the coordinator. */
const COORDINATOR = ['migrations', 'outbox_jobs', 'refresh_tokens', 'email_verifications', 'message_sends'];
/** Rows that reach their organization through an owner row; step 1 of the plan gives them org_id. */
const AWAITING_ORG_ID = /^(\w+_(assignees|teams|contacts|tags)|document_shares|team_members|email_deliveries)$/;

const DELETE_RULES: Record<string, string> = { c: 'cascade', n: 'set null', r: 'restrict', a: 'no action', d: 'set default' };

/**
 * The migrated schema stays distributable by organization: every tenant table has org_id NOT NULL
 * with an index leading with it, no unique constraint without it, and every reference between
 * tenant tables is either widened to carry it or listed in docs/scaling.md's migration plan.
 */
describe('tenant schema (docs/scaling.md)', () => {
  let database: TestDatabase;
  let client: pg.Client;
  let tables: { name: string; orgId: { nullable: boolean } | null }[];
  const tenantTables = () => tables.filter((table) => table.orgId).map((table) => table.name);

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ name: string; org_nullable: string | null }>(
      `SELECT t.table_name AS name, c.is_nullable AS org_nullable
       FROM information_schema.tables t
       LEFT JOIN information_schema.columns c ON c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'org_id'
       WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY 1`,
    );
    tables = rows.map((row) => ({ name: row.name, orgId: row.org_nullable === null ? null : { nullable: row.org_nullable === 'YES' } }));
  });
  afterAll(async () => {
    await client?.end();
    await database?.dispose();
  });

  it('knows every table: tenant (org_id), reference, coordinator, or a link awaiting org_id', () => {
    const unplaced = tables.filter(
      (table) => !table.orgId && !REFERENCE.includes(table.name) && !COORDINATOR.includes(table.name) && !AWAITING_ORG_ID.test(table.name),
    );
    expect(unplaced.map((table) => table.name)).toEqual([]);
    expect(tenantTables().length).toBeGreaterThan(20);
  });

  it('gives every tenant table org_id NOT NULL, referencing organizations', async () => {
    expect(tables.filter((table) => table.orgId?.nullable).map((table) => table.name)).toEqual([]);
    const { rows } = await client.query<{ table: string }>(
      `SELECT c.conrelid::regclass::text AS table FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f' AND c.confrelid = 'organizations'::regclass AND a.attname = 'org_id' AND cardinality(c.conkey) = 1`,
    );
    const referencing = new Set(rows.map((row) => row.table));
    expect(tenantTables().filter((table) => !referencing.has(table))).toEqual([]);
  });

  it('gives every tenant table an index that leads with org_id', async () => {
    const { rows } = await client.query<{ table: string }>(
      `SELECT DISTINCT c.relname AS table FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
       WHERE c.relnamespace = 'public'::regnamespace AND a.attname = 'org_id'`,
    );
    const led = new Set(rows.map((row) => row.table));
    expect(tenantTables().filter((table) => !led.has(table))).toEqual([]);
  });

  it('has no unique constraint or index on a tenant table without org_id, but the uuid primary key', async () => {
    const { rows } = await client.query<{ table: string; index: string }>(
      `SELECT c.relname AS table, ic.relname AS index FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_class ic ON ic.oid = i.indexrelid
       WHERE c.relnamespace = 'public'::regnamespace AND i.indisunique
         AND NOT (i.indisprimary AND i.indnatts = 1 AND (SELECT attname FROM pg_attribute WHERE attrelid = c.oid AND attnum = i.indkey[0]) = 'id')
         AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey) k JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k WHERE a.attname = 'org_id')`,
    );
    const tenant = new Set(tenantTables());
    expect(rows.filter((row) => tenant.has(row.table)).map((row) => `${row.table}.${row.index}`)).toEqual([]);
  });

  it('lists in the migration plan exactly the references between tenant tables that do not carry org_id yet', async () => {
    const { rows } = await client.query<{ child: string; columns: string[]; parent: string; rule: string }>(
      `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent, c.confdeltype::text AS rule,
         ARRAY(SELECT a.attname::text FROM unnest(c.conkey) k JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k) AS columns
       FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
    );
    const tenant = new Set(tenantTables());
    const unwidened = rows
      .filter((row) => tenant.has(row.child) && tenant.has(row.parent) && !row.columns.includes('org_id'))
      .map((row) => `${row.child}.${row.columns.join(',')} → ${row.parent} (${DELETE_RULES[row.rule]})`)
      .sort();
    const doc = await readFile(new URL('../docs/scaling.md', import.meta.url), 'utf8');
    const section = /<!-- cross-tenant-foreign-keys:start -->([\s\S]*?)<!-- cross-tenant-foreign-keys:end -->/.exec(doc)?.[1] ?? '';
    const planned = section
      .split('\n')
      .filter((line) => line.startsWith('- '))
      .map((line) => line.slice(2).trim())
      .sort();
    expect(unwidened).toEqual(planned);
  });

  /**
   * Deleting a row runs its referencing tables' SET NULL and CASCADE by the referencing column
   * alone: without an index leading with it, each deleted lead read every task and opportunity.
   * References to users are the exception docs/scaling.md names ("Indexed references").
   */
  it('indexes every reference to another record by its own column', async () => {
    const { rows } = await client.query<{ reference: string }>(
      `SELECT c.conrelid::regclass::text || '.' || a.attname || ' → ' || c.confrelid::regclass::text AS reference
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND array_length(c.conkey, 1) = 1
         AND c.confrelid NOT IN ('users'::regclass, 'organizations'::regclass)
         AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])
       ORDER BY 1`,
    );
    expect(rows.map((row) => row.reference)).toEqual([]);
  });
});
