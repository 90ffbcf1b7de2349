import pg from 'pg';
import { RecordTotalsFolding } from '../src/common/records/record-totals-folding.js';
import type { Caller } from './support/api.js';
import { as, type Cast, createCast } from './support/cast.js';
import { makeAccount, makeCase, makeEvent, makeInvoice, makeLead, makeOpportunity, makeTask } from './support/factories.js';
import { multipart } from './support/multipart.js';
import { createTestApp, type TestApp } from './support/test-app.js';

type Who = Parameters<typeof as>[1];

/** The tables that keep totals, and the column each counts by (as the migration lists them). */
const KEPT = [['accounts', 'status'], ['leads', 'status'], ['cases', 'status'], ['opportunities', 'stage'], ['tasks', 'status'], ['events', 'status'], ['invoices', 'status']];

/**
 * An ADMIN's unfiltered pages of accounts, leads, cases, opportunities, tasks, events and invoices
 * take their counts from totals the database keeps per organization and status (migration
 * KeptRecordTotals). Through every kind of write they must say what counting the rows says, each
 * organization its own, and they never stand in for a filtered count or a USER's.
 */
describe('kept record totals', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    // Folded only when a test says so.
    t = await createTestApp({ RECORD_TOTALS_FOLD_MS: '3600000' });
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  const leadCounts = async (who: Who = 'admin', filter = '') => {
    const res = await t.api.get(`/api/leads/?limit=1${filter}`, as(cast, who));
    expect(res.status).toBe(200);
    return { open: res.body.open_leads_count, closed: res.body.closed_leads_count };
  };
  const accountCounts = async (who: Who = 'admin', filter = '') => {
    const res = await t.api.get(`/api/accounts/?limit=1${filter}`, as(cast, who));
    expect(res.status).toBe(200);
    return { open: res.body.open_accounts_count, closed: res.body.closed_accounts_count, all: res.body.accounts_count };
  };
  const caseCount = async (who: Who = 'admin', filter = '') => {
    const res = await t.api.get(`/api/cases/?limit=1${filter}`, as(cast, who));
    expect(res.status).toBe(200);
    return res.body.count;
  };

  it('leads: follow creation, status changes, conversion, deletion and import', async () => {
    const admin = as(cast, 'admin');
    const [kept, closing, converting] = await Promise.all([makeLead(t, admin), makeLead(t, admin), makeLead(t, admin)]);
    const reopening = await makeLead(t, admin, { status: 'closed' });
    expect(await leadCounts()).toEqual({ open: 3, closed: 1 });

    expect((await t.api.put(`/api/leads/${closing.id}/`, { status: 'closed' }, admin)).status).toBe(200);
    expect((await t.api.put(`/api/leads/${reopening.id}/`, { status: 'in process' }, admin)).status).toBe(200);
    expect((await t.api.put(`/api/leads/${kept.id}/`, { description: 'same status' }, admin)).status).toBe(200);
    expect(await leadCounts()).toEqual({ open: 3, closed: 1 });

    // Converted leads are never listed; the conversion's account is counted among accounts.
    expect((await t.api.put(`/api/leads/${converting.id}/`, { status: 'converted' }, admin)).status).toBe(200);
    expect(await leadCounts()).toEqual({ open: 2, closed: 1 });
    expect(await accountCounts()).toEqual({ open: 1, closed: 0, all: 1 });

    expect((await t.api.delete(`/api/leads/${closing.id}/`, admin)).status).toBe(204);
    expect(await leadCounts()).toEqual({ open: 2, closed: 0 });

    const csv = ['first_name,last_name,status', 'Ada,Lovelace,in process', 'Grace,Hopper,closed', 'Alan,Turing,'].join('\n');
    const imported = await t.api.upload('/api/leads/upload/', multipart({}, [{ field: 'leads_file', fileName: 'leads.csv', content: csv }]), admin);
    expect(imported.body).toMatchObject({ imported_count: 3 });
    expect(await leadCounts()).toEqual({ open: 4, closed: 1 });
    // A filter is counted from the rows: the same numbers, another way.
    expect(await leadCounts('admin', '&status=closed')).toEqual({ open: 0, closed: 1 });
  });

  it('accounts: open and closed follow status changes and deletion', async () => {
    const admin = as(cast, 'admin');
    const before = await accountCounts();
    const account = await makeAccount(t, admin);
    await makeAccount(t, admin, { status: 'closed' });
    expect(await accountCounts()).toEqual({ open: before.open + 1, closed: before.closed + 1, all: before.all + 2 });

    expect((await t.api.put(`/api/accounts/${account.id}/`, { name: account.name, status: 'closed' }, admin)).status).toBe(200);
    expect(await accountCounts()).toEqual({ open: before.open, closed: before.closed + 2, all: before.all + 2 });
    expect(await accountCounts('admin', '&status=closed')).toMatchObject({ closed: before.closed + 2 });

    expect((await t.api.delete(`/api/accounts/${account.id}/`, admin)).status).toBe(204);
    expect(await accountCounts()).toEqual({ open: before.open, closed: before.closed + 1, all: before.all + 1 });
  });

  it('cases: the page count follows creation, closing and deletion; filters count the rows', async () => {
    const admin = as(cast, 'admin');
    const cases = await Promise.all([makeCase(t, admin), makeCase(t, admin), makeCase(t, admin)]);
    expect(await caseCount()).toBe(3);
    expect((await t.api.put(`/api/cases/${cases[0].id}/`, { name: cases[0].name, status: 'Closed' }, admin)).status).toBe(200);
    expect(await caseCount()).toBe(3);
    expect(await caseCount('admin', '&closed=true')).toBe(1);
    expect(await caseCount('admin', '&closed=false')).toBe(2);
    expect((await t.api.delete(`/api/cases/${cases[1].id}/`, admin)).status).toBe(204);
    expect(await caseCount()).toBe(2);
  });

  it.each([
    ['opportunities', makeOpportunity],
    ['tasks', makeTask],
    ['events', makeEvent],
    ['invoices', async (t: TestApp, caller: Caller) => makeInvoice(t, caller, { account: (await makeAccount(t, caller)).id })],
  ])('%s: the page count follows creation and deletion', async (path, make) => {
    const admin = as(cast, 'admin');
    const count = async () => (await t.api.get(`/api/${path}/?limit=1`, admin)).body.count;
    const before = await count();
    const [made] = await Promise.all([make(t, admin), make(t, admin)]);
    expect(await count()).toBe(before + 2);
    expect((await t.api.delete(`/api/${path}/${made.id}/`, admin)).status).toBe(204);
    expect(await count()).toBe(before + 1);
  });

  it("a USER's counts are of what they may see, not the organization's totals", async () => {
    await makeLead(t, as(cast, 'creator'));
    await makeCase(t, as(cast, 'creator'));
    expect(await leadCounts('creator')).toEqual({ open: 1, closed: 0 });
    expect(await caseCount('creator')).toBe(1);
    expect(await leadCounts('other')).toEqual({ open: 0, closed: 0 });
    expect(await leadCounts()).toEqual({ open: 5, closed: 1 });
    expect(await caseCount()).toBe(3);
  });

  it('each organization keeps its own totals', async () => {
    expect(await leadCounts('outsider')).toEqual({ open: 0, closed: 0 });
    await makeLead(t, as(cast, 'outsider'), { status: 'closed' });
    expect(await leadCounts('outsider')).toEqual({ open: 0, closed: 1 });
    expect(await caseCount('outsider')).toBe(0);
    expect(await leadCounts()).toEqual({ open: 5, closed: 1 });
  });

  // PGlite serves one session: there, any open transaction holds every other connection.
  (process.env.DATABASE_URL ? it : it.skip)('never keep a writer waiting behind a transaction still open, as an import is for minutes', async () => {
    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO leads (org_id, first_name, last_name) SELECT $1, 'Open', 'Import' || i FROM generate_series(1, 50) i`, [cast.orgId]);
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the lead waited for the open transaction')), 5000).unref());
      await Promise.race([makeLead(t, as(cast, 'admin')), timeout]);
      expect(await leadCounts()).toEqual({ open: 6, closed: 1 });
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
    expect(await leadCounts()).toEqual({ open: 6, closed: 1 });
  });

  it('fold what writers committed into one row per status, and still sum the same', async () => {
    const [leads, cases] = [await leadCounts(), await caseCount()];
    const folded = await t.app.get(RecordTotalsFolding).run();
    expect(folded).toBeGreaterThan(0);
    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM record_totals WHERE slot <> 0`);
      expect(rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
    expect(await leadCounts()).toEqual(leads);
    expect(await caseCount()).toBe(cases);
  });

  it('match counting every row, and go with an organization that is deleted', async () => {
    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    try {
      const mismatches = `
        WITH counted AS (${KEPT.map(([table, column]) => `SELECT org_id, '${table}' AS record_table, ${column}::text AS value, count(*) AS total FROM ${table} GROUP BY 1, 3`).join(' UNION ALL ')}),
        kept AS (SELECT org_id, record_table, value, sum(total) AS total FROM record_totals GROUP BY 1, 2, 3)
        SELECT * FROM counted FULL JOIN kept USING (org_id, record_table, value)
        WHERE counted.total IS DISTINCT FROM kept.total AND coalesce(counted.total, kept.total) <> 0`;
      expect((await client.query(mismatches)).rows).toEqual([]);
      const kept = (orgId: string) => client.query('SELECT count(*)::int AS n FROM record_totals WHERE org_id = $1', [orgId]);
      expect((await kept(cast.outsiderOrgId)).rows[0].n).toBeGreaterThan(0);

      await client.query('DELETE FROM organizations WHERE id = $1', [cast.outsiderOrgId]);
      expect((await kept(cast.outsiderOrgId)).rows[0].n).toBe(0);
      expect((await client.query(mismatches)).rows).toEqual([]);
    } finally {
      await client.end();
    }
    expect((await leadCounts()).closed).toBe(1);
  });
});
