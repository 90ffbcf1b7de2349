import { randomUUID } from 'node:crypto';
import { as, type Cast, createCast } from './support/cast.js';
import { multipart } from './support/multipart.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** Idempotency-Key on writes: a retried request writes once and answers what the first answered. */
describe('Idempotency-Key', () => {
  let t: TestApp;
  let other: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    other = await createTestApp({}, { database: t.database });
    cast = await createCast(t.api);
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  const postLead = (key: string, body: Record<string, unknown>, who: 'creator' | 'other' = 'creator', app = t) =>
    app.api.request('POST', '/api/leads/', { ...as(cast, who), body, headers: { 'idempotency-key': key } });
  const leadsNamed = async (name: string) => {
    const res = await t.api.get(`/api/leads/?name=${name}&limit=100`, as(cast, 'admin'));
    return res.body.open_leads.length + res.body.closed_leads.length;
  };

  it('answers a retry with the first answer, replayed, and writes once', async () => {
    const name = `Once${randomUUID().slice(0, 8)}`;
    const key = randomUUID();
    const first = await postLead(key, { first_name: 'Ada', last_name: name });
    const retry = await postLead(key, { last_name: name, first_name: 'Ada' });
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body).toEqual(first.body);
    expect([first.headers['idempotent-replayed'], retry.headers['idempotent-replayed']]).toEqual([undefined, 'true']);
    expect([retry.headers.etag, retry.headers.location]).toEqual([first.headers.etag, first.headers.location]);
    expect(await leadsNamed(name)).toBe(1);
    const history = await t.api.get(`/api/leads/${first.body.id}/history/`, as(cast, 'creator'));
    expect(history.body.results).toMatchObject([{ action: 'created', actor: { type: 'user', id: cast.creator.userId } }]);
  });

  it('refuses the key for another request with 422, and keeps keys apart per member', async () => {
    const name = `Reused${randomUUID().slice(0, 8)}`;
    const key = randomUUID();
    expect((await postLead(key, { first_name: 'Ada', last_name: name })).status).toBe(201);
    const changed = await postLead(key, { first_name: 'Grace', last_name: name });
    expect([changed.status, changed.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    const elsewhere = await t.api.request('PUT', '/api/leads/00000000-0000-4000-8000-000000000000/', { ...as(cast, 'creator'), body: {}, headers: { 'idempotency-key': key } });
    expect(elsewhere.status).toBe(404);
    expect((await postLead(key, { first_name: 'Ada', last_name: name }, 'other')).headers['idempotent-replayed']).toBeUndefined();
    expect(await leadsNamed(name)).toBe(2);
  });

  it('stores nothing of a request refused before it wrote, so the corrected retry goes through', async () => {
    const name = `Fixed${randomUUID().slice(0, 8)}`;
    const key = randomUUID();
    const refused = await postLead(key, { first_name: 'Ada', last_name: name, email: 'not an address' });
    expect(refused.status).toBe(400);
    const fixed = await postLead(key, { first_name: 'Ada', last_name: name });
    expect([fixed.status, fixed.headers['idempotent-replayed']]).toEqual([201, undefined]);
  });

  it('writes once of 20 same-key requests at once, on two instances: the rest replay or are told it is in progress', async () => {
    const name = `Race${randomUUID().slice(0, 8)}`;
    const key = randomUUID();
    const all = await Promise.all(Array.from({ length: 20 }, (_, i) => postLead(key, { first_name: 'Ada', last_name: name }, 'creator', i % 2 ? other : t)));
    const statuses = all.map((res) => res.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    const fresh = all.filter((res) => res.status === 201 && !res.headers['idempotent-replayed']);
    expect(fresh).toHaveLength(1);
    for (const busy of all.filter((res) => res.status === 409)) expect([busy.body.code, busy.headers['retry-after']]).toEqual(['IDEMPOTENCY_KEY_IN_PROGRESS', '1']);
    expect(await leadsNamed(name)).toBe(1);
    const later = await postLead(key, { first_name: 'Ada', last_name: name }, 'creator', other);
    expect([later.status, later.headers['idempotent-replayed'], later.body.id]).toEqual([201, 'true', fresh[0].body.id]);
  });

  it('replays a delete and an action instead of answering 404 or 409 the second time', async () => {
    const lead = await t.api.post('/api/leads/', { first_name: 'Ada', last_name: `Gone${randomUUID().slice(0, 8)}` }, as(cast, 'creator'));
    const key = randomUUID();
    const remove = () => t.api.request('DELETE', `/api/leads/${lead.body.id}/`, { ...as(cast, 'creator'), headers: { 'idempotency-key': key } });
    const [first, second] = [await remove(), await remove()];
    expect([first.status, second.status, second.headers['idempotent-replayed']]).toEqual([204, 204, 'true']);
    const convertible = await t.api.post('/api/leads/', { first_name: 'Ada', last_name: `Conv${randomUUID().slice(0, 8)}`, account_name: `Acct ${randomUUID()}` }, as(cast, 'creator'));
    const convert = () => t.api.request('POST', `/api/leads/${convertible.body.id}/convert/`, { ...as(cast, 'creator'), body: {}, headers: { 'idempotency-key': 'convert-once' } });
    const [converted, again] = [await convert(), await convert()];
    expect([converted.status, again.status, again.body.converted_account_id]).toEqual([200, 200, converted.body.converted_account_id]);
  });

  it('answers 400 naming the header when the key is empty, too long or not printable, and where a route takes none', async () => {
    for (const key of ['', 'x'.repeat(256), 'tab\there']) {
      const res = await postLead(key, { first_name: 'Ada', last_name: 'Bad key' });
      expect([res.status, Object.keys(res.body.errors ?? {})]).toEqual([400, ['Idempotency-Key']]);
    }
    const form = multipart({}, [{ field: 'leads_file', fileName: 'l.csv', content: 'first_name,last_name\nA,B\n' }]);
    const upload = await t.api.upload('/api/leads/upload/', { body: form.body, headers: { ...form.headers, 'idempotency-key': randomUUID() } }, as(cast, 'creator'));
    expect([upload.status, Object.keys(upload.body.errors ?? {})]).toEqual([400, ['Idempotency-Key']]);
  });
});
