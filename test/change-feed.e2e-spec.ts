import { DataSource } from 'typeorm';
import { as, type Cast, createCast } from './support/cast.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface Event {
  seq: number;
  id: string;
  type: string;
  record: { kind: string; id: string };
  data: Record<string, unknown> | null;
  changes: { field: string; from: unknown; to: unknown }[];
  actor: { type: string; id: string | null };
  request_id: string | null;
}

describe('GET /api/changes/', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const feed = async (cast: Cast, query = '') => {
    const res = await t.api.get(`/api/changes/?${query.includes('limit=') ? '' : 'limit=1000'}${query}`, as(cast, 'admin'));
    expect(res.status).toBe(200);
    return res.body as { results: Event[]; next_after: number; has_more: boolean };
  };

  it('tells every change of a record, with what it became, who and what changed, numbered from 1', async () => {
    const cast = await createCast(t.api);
    const admin = as(cast, 'admin');
    const lead = (await t.api.post('/api/leads/', { first_name: 'Ada', last_name: 'Lovelace', status: 'assigned' }, admin)).body;
    expect((await t.api.put(`/api/leads/${lead.id}/`, { last_name: 'Byron' }, admin)).status).toBe(200);
    const comment = await t.api.post(`/api/leads/${lead.id}/`, { comment: 'Called her' }, admin);
    expect(comment.status).toBe(201);
    expect((await t.api.delete(`/api/leads/${lead.id}/`, admin)).status).toBe(204);

    const { results, next_after, has_more } = await feed(cast);
    expect(results.map(({ seq, type }) => `${seq} ${type}`)).toEqual(['1 lead.created', '2 lead.updated', '3 comment.created', '4 lead.deleted']);
    expect(next_after).toBe(4);
    expect(has_more).toBe(false);
    const [created, updated, commented, deleted] = results;
    expect(created).toMatchObject({ record: { kind: 'lead', id: lead.id }, actor: { type: 'user', id: cast.admin.userId }, data: { id: lead.id, last_name: 'Lovelace' } });
    expect(created.request_id).toEqual(expect.any(String));
    expect(updated.data).toMatchObject({ last_name: 'Byron' });
    expect(updated.changes).toEqual([{ field: 'last_name', from: 'Lovelace', to: 'Byron' }]);
    expect(commented.changes).toEqual([{ field: 'comments', from: null, to: expect.any(String) }]);
    expect(deleted.data).toBeNull();
    expect(new Set(results.map(({ id }) => id)).size).toBe(4);
  });

  it('numbers 100 concurrent writes gap-free, and a reader polling meanwhile meets each once, in order', async () => {
    const cast = await createCast(t.api);
    const admin = as(cast, 'admin');
    const met: Event[] = [];
    let writing = true;
    const reader = (async () => {
      let after = 0;
      while (writing || met.length < 100) {
        const page = await feed(cast, `&after=${after}&limit=7`);
        met.push(...page.results);
        after = page.next_after;
        if (page.results.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const clients = Array.from({ length: 5 }, (_, client) =>
      (async () => {
        for (let i = 0; i < 20; i++) expect((await t.api.post('/api/accounts/', { name: `Account ${client}-${i}` }, admin)).status).toBe(201);
      })(),
    );
    await Promise.all(clients);
    writing = false;
    await reader;
    expect(met.map(({ seq }) => seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const resumed = await feed(cast, '&after=50');
    expect(resumed.results.map(({ id }) => id)).toEqual(met.slice(50).map(({ id }) => id));
  });

  it('leaves no gap where a transaction rolled back after writing', async () => {
    const cast = await createCast(t.api);
    const admin = as(cast, 'admin');
    expect((await t.api.post('/api/leads/', { first_name: 'One', last_name: 'Lead' }, admin)).status).toBe(201);
    const runner = t.app.get(DataSource).createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query(`INSERT INTO leads (org_id, first_name, last_name) VALUES ($1, 'Rolled back', 'Lead')`, [cast.orgId]);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    expect((await t.api.post('/api/leads/', { first_name: 'Two', last_name: 'Lead' }, admin)).status).toBe(201);
    expect((await feed(cast)).results.map(({ seq, data }) => `${seq} ${data?.first_name}`)).toEqual(['1 One', '2 Two']);
  });

  it('numbers a transaction that wrote to two organizations in each one’s own feed, after what each had', async () => {
    const cast = await createCast(t.api);
    const outsider = { token: cast.outsider.token, orgId: cast.outsiderOrgId };
    const before = (await t.api.post('/api/leads/', { first_name: 'Before', last_name: 'Lead' }, as(cast, 'admin'))).body;
    const runner = t.app.get(DataSource).createQueryRunner();
    let made: { id: string; org_id: string }[];
    try {
      await runner.startTransaction();
      made = await runner.query(
        `INSERT INTO leads (org_id, first_name, last_name) VALUES ($1, 'Ours', 'Lead'), ($2, 'Theirs', 'Lead'), ($2, 'Theirs too', 'Lead') RETURNING id, org_id`,
        [cast.orgId, cast.outsiderOrgId],
      );
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    const [ours, ...theirs] = made;
    expect((await feed(cast)).results.map(({ seq, type, record }) => [seq, type, record.id])).toEqual([
      [1, 'lead.created', before.id],
      [2, 'lead.created', ours.id],
    ]);
    const outsiderFeed = (await t.api.get('/api/changes/', outsider)).body.results as Event[];
    expect(outsiderFeed.map(({ seq }) => seq)).toEqual([1, 2]);
    expect(outsiderFeed.map(({ record }) => record.id).sort()).toEqual(theirs.map(({ id }) => id).sort());
  });

  it('filters by type and group, and keeps each organization to its own feed', async () => {
    const cast = await createCast(t.api);
    const admin = as(cast, 'admin');
    await t.api.post('/api/leads/', { first_name: 'Lead', last_name: 'Lead' }, admin);
    const account = (await t.api.post('/api/accounts/', { name: 'Account' }, admin)).body;
    await t.api.put(`/api/accounts/${account.id}/`, { name: 'Renamed' }, admin);
    await t.api.post('/api/leads/', { first_name: 'Outsider lead', last_name: 'Lead' }, { token: cast.outsider.token, orgId: cast.outsiderOrgId });

    expect((await feed(cast, '&types=lead.*')).results.map(({ type }) => type)).toEqual(['lead.created']);
    expect((await feed(cast, '&types=lead.*,account.updated')).results.map(({ type }) => type)).toEqual(['lead.created', 'account.updated']);
    expect((await feed(cast, '&types=*')).results).toHaveLength(3);
    const outsider = await t.api.get('/api/changes/', { token: cast.outsider.token, orgId: cast.outsiderOrgId });
    expect(outsider.body.results.map(({ seq, data }: Event) => `${seq} ${data?.first_name}`)).toEqual(['1 Outsider lead']);
  });

  it('refuses what it cannot answer, naming the field', async () => {
    const cast = await createCast(t.api);
    const get = (query: string) => t.api.get(`/api/changes/?${query}`, as(cast, 'admin'));
    const unknown = await get('types=lead.*,lead.exploded,widget.*');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.types[0]).toContain('lead.exploded, widget.*');
    expect((await get('limit=1001')).body.errors).toHaveProperty('limit');
    expect((await get('after=yesterday')).body.errors).toHaveProperty('after');
    expect((await t.api.get('/api/changes/', as(cast, 'creator'))).body.code).toBe('ROLE_REQUIRED');
  });

  it('reads with a changes:read key, and not without one', async () => {
    const cast = await createCast(t.api);
    const key = async (scopes: string[]) => (await t.api.post('/api/api-keys/', { name: `feed ${scopes}`, scopes }, as(cast, 'admin'))).body.secret as string;
    await t.api.post('/api/leads/', { first_name: 'Lead', last_name: 'Lead' }, as(cast, 'admin'));
    const reading = await t.api.get('/api/changes/', { token: await key(['changes:read']) });
    expect(reading.status).toBe(200);
    expect(reading.body.results).toHaveLength(1);
    expect((await t.api.get('/api/changes/', { token: await key(['leads:read']) })).body.code).toBe('INSUFFICIENT_SCOPE');
  });

  it('answers 410 with the earliest kept seq for an after older than the retention', async () => {
    const cast = await createCast(t.api);
    for (const name of ['a', 'b', 'c']) await t.api.post('/api/leads/', { first_name: name, last_name: 'Lead' }, as(cast, 'admin'));
    await t.app.get(DataSource).query(`UPDATE record_history SET at = now() - interval '31 days' WHERE org_id = $1 AND seq IN (SELECT history_seq FROM change_feed WHERE org_id = $1 AND seq <= 2)`, [cast.orgId]);
    const expired = await t.api.get('/api/changes/?after=1', as(cast, 'admin'));
    expect(expired.status).toBe(410);
    expect(expired.body).toMatchObject({ code: 'CURSOR_EXPIRED', errors: { after: [expect.stringContaining('earliest kept seq: 3')] } });
    expect((await feed(cast, '&after=2')).results.map(({ seq }) => seq)).toEqual([3]);
    expect((await feed(cast)).results.map(({ seq }) => seq)).toEqual([3]);
  });
});
