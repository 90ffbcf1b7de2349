import { DataSource } from 'typeorm';
import { as, type Cast, createCast } from './support/cast.js';
import { KINDS } from './support/every-kind.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** Where each kind's list answers its items and their cursor: one list, or halves each with its own. */
const HALVES: Record<string, [string, string][]> = {
  accounts: [
    ['open_accounts', 'open_accounts_next_cursor'],
    ['closed_accounts', 'closed_accounts_next_cursor'],
  ],
  leads: [
    ['open_leads', 'open_leads_next_cursor'],
    ['closed_leads', 'closed_leads_next_cursor'],
  ],
  documents: [
    ['documents_active', 'documents_active_next_cursor'],
    ['documents_inactive', 'documents_inactive_next_cursor'],
  ],
};
const listsOf = (path: string): [string, string][] => HALVES[path] ?? [['results', 'next_cursor']];
const NAMED = new Set(['accounts', 'cases', 'opportunities', 'events']);
const sortsOf = (path: string) => ['-created_on', 'created_on', '-updated_on', 'updated_on', ...(NAMED.has(path) ? ['name', '-name'] : [])];

describe('list cursors', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** Walks one list (or half) by cursor, `limit` at a time, and answers the ids in the order met. */
  async function walk(cast: Cast, path: string, [items, cursorKey]: [string, string], query: string, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let first = true;
    while (first || cursor) {
      const at: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await t.api.get(`/api/${path}/?limit=${limit}${query}${at}`, as(cast, 'admin'));
      expect(res.status).toBe(200);
      ids.push(...(res.body[items] as { id: string }[]).map(({ id }) => id));
      cursor = res.body[cursorKey];
      first = false;
    }
    return ids;
  }

  describe.each(Object.entries(KINDS))('%s', (_kind, { path, create }) => {
    let cast: Cast;
    beforeAll(async () => {
      cast = await createCast(t.api);
      for (let i = 0; i < 5; i++) expect((await create(t, cast)).status).toBe(201);
    });

    it.each(sortsOf(path))('pages every item once by cursor, in the order of sort=%s', async (sort) => {
      const [list] = listsOf(path);
      const everything = await t.api.get(`/api/${path}/?limit=100&sort=${sort}`, as(cast, 'admin'));
      const expected = (everything.body[list[0]] as { id: string }[]).map(({ id }) => id);
      expect(expected.length).toBeGreaterThanOrEqual(5);
      expect(await walk(cast, path, list, `&sort=${sort}`, 2)).toEqual(expected);
    });

    it('answers a null cursor on the last page, and a cursor link as next', async () => {
      const [[items, cursorKey]] = listsOf(path);
      const full = await t.api.get(`/api/${path}/?limit=100`, as(cast, 'admin'));
      expect(full.body[cursorKey]).toBeNull();
      const first = await t.api.get(`/api/${path}/?limit=2`, as(cast, 'admin'));
      expect(first.body[items]).toHaveLength(2);
      expect(typeof first.body[cursorKey]).toBe('string');
      if (!HALVES[path]) {
        const second = await t.api.get(`/api/${path}/?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`, as(cast, 'admin'));
        expect(second.body.next).toBe(`/api/${path}/?limit=2&cursor=${encodeURIComponent(second.body.next_cursor)}`.replace(/%2B/g, '+'));
        expect(second.body.previous).toBeNull();
        expect(second.body.count).toBe(first.body.count);
      }
    });

    it('refuses a cursor made for another sort or filters, an altered one, one beside an offset, and an unknown sort', async () => {
      const [[, cursorKey]] = listsOf(path);
      const { body } = await t.api.get(`/api/${path}/?limit=1`, as(cast, 'admin'));
      const cursor = encodeURIComponent(body[cursorKey]);
      const refused = async (query: string) => (await t.api.get(`/api/${path}/?limit=1&${query}`, as(cast, 'admin'))).body;

      expect(await refused(`cursor=${cursor}&sort=created_on`)).toMatchObject({ code: 'CURSOR_MISMATCH', errors: { cursor: [expect.any(String)] } });
      expect(await refused(`cursor=${cursor}&updated_since=2020-01-01T00:00:00Z`)).toMatchObject({ code: 'CURSOR_MISMATCH' });
      expect(await refused(`cursor=${cursor}&offset=1`)).toMatchObject({ code: 'VALIDATION_FAILED', errors: { offset: [expect.any(String)] } });
      const [payload, signature] = decodeURIComponent(cursor).split('.');
      const moved = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), i: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
      expect(await refused(`cursor=${moved}.${signature}`)).toMatchObject({ code: 'CURSOR_INVALID', errors: { cursor: [expect.any(String)] } });
      expect(await refused('cursor=not-a-cursor')).toMatchObject({ code: 'CURSOR_INVALID' });
      const unknown = await refused('sort=priority');
      expect(unknown.code).toBe('VALIDATION_FAILED');
      expect(unknown.errors.sort[0]).toContain(sortsOf(path).includes('name') ? 'created_on, -created_on, updated_on, -updated_on, name, -name' : 'created_on, -created_on, updated_on, -updated_on');
    });
  });

  it('does not take a cursor of another kind', async () => {
    const cast = await createCast(t.api);
    for (let i = 0; i < 2; i++) {
      expect((await KINDS.case.create(t, cast)).status).toBe(201);
      expect((await KINDS.task.create(t, cast)).status).toBe(201);
    }
    const cases = await t.api.get('/api/cases/?limit=1', as(cast, 'admin'));
    const res = await t.api.get(`/api/tasks/?limit=1&cursor=${encodeURIComponent(cases.body.next_cursor)}`, as(cast, 'admin'));
    expect(res.body.code).toBe('CURSOR_MISMATCH');
  });

  it('pages one half alone by its cursor, the other answered empty', async () => {
    const cast = await createCast(t.api);
    for (const status of ['open', 'open', 'open', 'closed', 'closed', 'closed']) {
      expect((await t.api.post('/api/accounts/', { name: `Half ${status} ${Math.random()}`, status }, as(cast, 'admin'))).status).toBe(201);
    }
    const first = await t.api.get('/api/accounts/?limit=2', as(cast, 'admin'));
    const closedPage = await t.api.get(`/api/accounts/?limit=2&cursor=${encodeURIComponent(first.body.closed_accounts_next_cursor)}`, as(cast, 'admin'));
    expect(closedPage.body.open_accounts).toEqual([]);
    expect(closedPage.body.open_accounts_next_cursor).toBeNull();
    expect(closedPage.body.closed_accounts).toHaveLength(1);
    expect(closedPage.body.closed_accounts[0].status).toBe('closed');
    expect(closedPage.body.closed_accounts_count).toBe(3);
    const wrongHalf = await t.api.get(`/api/accounts/?limit=2&status=open&cursor=${encodeURIComponent(first.body.closed_accounts_next_cursor)}`, as(cast, 'admin'));
    expect(wrongHalf.body.code).toBe('CURSOR_MISMATCH');
  });

  /**
   * The guarantee: walking a list by cursor while others insert and delete meets every record that
   * existed throughout exactly once. Seeded in one statement, the leads share one created_on, so
   * the id alone orders them: the tie-breaker is what is tested. At full size on PostgreSQL.
   */
  it('meets every lead that existed throughout exactly once while leads are inserted and deleted', async () => {
    const onPostgres = Boolean(process.env.DATABASE_URL);
    const [seeded, inserted, deleted] = onPostgres ? [20_000, 1_000, 100] : [2_000, 100, 20];
    const cast = await createCast(t.api);
    const admin = as(cast, 'admin');
    const db = t.app.get(DataSource);
    // Seeding is setup, not a request: free of the app's statement timeout, which a loaded CI machine can exceed.
    const rows: { id: string }[] = await db.transaction(async (manager) => {
      await manager.query('SET LOCAL statement_timeout = 0');
      return manager.query(
        `INSERT INTO leads (org_id, first_name, last_name) SELECT $1, 'Seed', 'Lead ' || i FROM generate_series(1, $2) i RETURNING id`,
        [cast.orgId, seeded],
      );
    });
    const doomed = rows.slice(0, deleted * 2).filter((_, i) => i % 2 === 0).map(({ id }) => id);
    const writes = (async () => {
      for (let i = 0; i < inserted; i += 10) {
        await Promise.all(Array.from({ length: 10 }, (_, j) => t.api.post('/api/leads/', { first_name: 'New', last_name: `Lead ${i + j}` }, admin)));
        const gone = doomed.splice(0, Math.ceil(deleted / (inserted / 10)));
        await Promise.all(gone.map((id) => t.api.delete(`/api/leads/${id}/`, admin)));
      }
    })();
    const seen = await walk(cast, 'leads', ['open_leads', 'open_leads_next_cursor'], '', 100);
    await writes;
    const left: { id: string }[] = await db.query(`SELECT id FROM leads WHERE org_id = $1 AND first_name = 'Seed'`, [cast.orgId]);
    const survivors = new Set(left.map(({ id }) => id));
    expect(survivors.size).toBe(seeded - deleted);
    expect(new Set(seen).size).toBe(seen.length);
    const met = new Set(seen);
    expect([...survivors].filter((id) => !met.has(id))).toEqual([]);
    // Full size, on a 2-core CI machine that runs another test file beside it.
  }, 240_000);
});
