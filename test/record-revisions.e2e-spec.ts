import { RecordKinds } from '../src/common/records/record-kinds.js';
import { as, type Cast, createCast } from './support/cast.js';
import { everyKind, KINDS } from './support/every-kind.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('ETags and conditional requests on every record kind', () => {
  const app = everyKind();

  describe.each(Object.keys(KINDS))('%s', (kind) => {
    const path = () => `/api/${app.t.app.get(RecordKinds).get(kind).path}`;
    const seed = async () => {
      const created = await KINDS[kind].create(app.t, app.cast);
      expect(created.status).toBe(201);
      return created;
    };
    const put = (id: string, headers: Record<string, string> = {}) => app.t.api.request('PUT', `${path()}/${id}/`, { ...as(app.cast, 'creator'), body: KINDS[kind].change(), headers });

    it('answers an ETag on create, detail and update; every write moves it on', async () => {
      const created = await seed();
      expect(created.headers.etag).toBe('"1"');
      expect(created.headers.location).toBe(`${path()}/${created.body.id}/`);
      const read = await app.t.api.get(`${path()}/${created.body.id}/`, as(app.cast, 'creator'));
      expect([read.status, read.headers.etag]).toEqual([200, '"1"']);
      const updated = await put(created.body.id);
      expect([updated.status, updated.headers.etag]).toEqual([200, '"2"']);
      expect((await app.t.api.get(`${path()}/${created.body.id}/`, as(app.cast, 'creator'))).headers.etag).toBe('"2"');
    });

    it('answers 304 without a body to If-None-Match naming the current ETag, and 200 once it changed', async () => {
      const { body } = await seed();
      const url = `${path()}/${body.id}/`;
      const unchanged = await app.t.api.request('GET', url, { ...as(app.cast, 'creator'), headers: { 'if-none-match': '"1"' } });
      expect([unchanged.status, unchanged.body, unchanged.headers.etag]).toEqual([304, '', '"1"']);
      await put(body.id);
      const changed = await app.t.api.request('GET', url, { ...as(app.cast, 'creator'), headers: { 'if-none-match': '"1"' } });
      expect([changed.status, changed.headers.etag]).toEqual([200, '"2"']);
    });

    it('refuses a write based on a stale ETag with 412 and the current one, and changes nothing', async () => {
      const { body } = await seed();
      await put(body.id);
      const stale = await put(body.id, { 'if-match': '"1"' });
      expect([stale.status, stale.body.code, stale.headers.etag]).toEqual([412, 'PRECONDITION_FAILED', '"2"']);
      expect((await app.t.api.get(`${path()}/${body.id}/`, as(app.cast, 'creator'))).headers.etag).toBe('"2"');
      const gone = await app.t.api.request('DELETE', `${path()}/${body.id}/`, { ...as(app.cast, 'creator'), headers: { 'if-match': '"1"' } });
      expect(gone.status).toBe(412);
      expect((await app.t.api.get(`${path()}/${body.id}/`, as(app.cast, 'creator'))).status).toBe(200);
    });

    it('applies a write whose If-Match is current, and of several such writes at once exactly one', async () => {
      const { body } = await seed();
      const all = await Promise.all(Array.from({ length: 4 }, () => put(body.id, { 'if-match': '"1"' })));
      expect(all.map((res) => res.status).sort()).toEqual([200, 412, 412, 412]);
      const deleted = await app.t.api.request('DELETE', `${path()}/${body.id}/`, { ...as(app.cast, 'creator'), headers: { 'if-match': '"2"' } });
      expect(deleted.status).toBe(204);
    });

    it('lists only the records changed since updated_since, and counts only those', async () => {
      const untouched = await seed();
      const changed = await seed();
      await new Promise((done) => setTimeout(done, 20));
      const since = new Date().toISOString();
      await new Promise((done) => setTimeout(done, 20));
      expect((await put(changed.body.id)).status).toBe(200);
      const list = await app.t.api.get(`${path()}/?limit=100&updated_since=${since}`, as(app.cast, 'creator'));
      expect(list.status).toBe(200);
      const text = JSON.stringify(list.body);
      expect([text.includes(changed.body.id), text.includes(untouched.body.id)]).toEqual([true, false]);
      expect(text).toMatch(/"[a-z_]*count":1\b/);
      const bad = await app.t.api.get(`${path()}/?updated_since=yesterday`, as(app.cast, 'creator'));
      expect([bad.status, Object.keys(bad.body.errors)]).toEqual([400, ['updated_since']]);
    });

    it('answers 400 naming If-Match when it is not an entity tag, and 404 before 412 to who cannot see the record', async () => {
      const { body } = await seed();
      const malformed = await put(body.id, { 'if-match': '2' });
      expect([malformed.status, malformed.body.errors]).toEqual([400, { 'If-Match': [expect.stringContaining('entity tags')] }]);
      const hidden = await app.t.api.request('PUT', `${path()}/${body.id}/`, { ...as(app.cast, 'outsider'), body: KINDS[kind].change(), headers: { 'if-match': '"7"' } });
      expect(hidden.status).toBe(404);
    });
  });
});

describe('If-Match on the actions that change a record', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  const action = (url: string, ifMatch: string, body: unknown = {}) => t.api.request('POST', url, { ...as(cast, 'creator'), body, headers: { 'if-match': ifMatch } });

  it('sends, pays and cancels an invoice only at the ETag given, answering the new one', async () => {
    const { body: invoice } = await KINDS.invoice.create(t, cast);
    const stale = await action(`/api/invoices/${invoice.id}/send/`, '"0"', { recipients: ['ap@client.example'] });
    expect([stale.status, stale.headers.etag]).toEqual([412, '"1"']);
    expect((await t.api.get(`/api/invoices/${invoice.id}/`, as(cast, 'creator'))).body.status).toBe('Draft');
    const sent = await action(`/api/invoices/${invoice.id}/send/`, '"1"', { recipients: ['ap@client.example'] });
    expect([sent.status, sent.body.status]).toEqual([200, 'Sent']);
    const afterSend = sent.headers.etag as string;
    expect(afterSend).not.toBe('"1"');
    expect((await action(`/api/invoices/${invoice.id}/payments/`, '"1"', { amount: '0.50', paid_on: '2027-01-01' })).status).toBe(412);
    const paid = await action(`/api/invoices/${invoice.id}/payments/`, afterSend, { amount: '0.50', paid_on: '2027-01-01' });
    expect(paid.status).toBe(201);
    expect((await action(`/api/invoices/${invoice.id}/cancel/`, afterSend)).status).toBe(412);
    expect((await action(`/api/invoices/${invoice.id}/cancel/`, paid.headers.etag as string)).status).toBe(200);
  });

  it('converts a lead only at the ETag given', async () => {
    const { body: lead } = await KINDS.lead.create(t, cast);
    await t.api.put(`/api/leads/${lead.id}/`, KINDS.lead.change(), as(cast, 'creator'));
    const stale = await action(`/api/leads/${lead.id}/convert/`, '"1"');
    expect([stale.status, stale.body.code, stale.headers.etag]).toEqual([412, 'PRECONDITION_FAILED', '"2"']);
    expect((await t.api.get(`/api/leads/${lead.id}/`, as(cast, 'creator'))).body.lead_obj.status).not.toBe('converted');
    const converted = await action(`/api/leads/${lead.id}/convert/`, '"2"');
    expect(converted.status).toBe(200);
    expect(converted.body.converted_account).toEqual(expect.anything());
  });
});

describe('an organization that requires If-Match', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  const requireIfMatch = async (on: boolean) => {
    const res = await t.api.put('/api/org/settings/', { require_if_match: on }, as(cast, 'admin'));
    expect([res.status, res.body.require_if_match]).toEqual([200, on]);
  };

  it('answers 428 naming If-Match to a change without one, and lets creates and changes with one through', async () => {
    const { body: task } = await KINDS.task.create(t, cast);
    await requireIfMatch(true);
    try {
      const bare = await t.api.put(`/api/tasks/${task.id}/`, KINDS.task.change(), as(cast, 'creator'));
      expect([bare.status, bare.body.code, Object.keys(bare.body.errors)]).toEqual([428, 'PRECONDITION_REQUIRED', ['If-Match']]);
      expect((await t.api.delete(`/api/tasks/${task.id}/`, as(cast, 'creator'))).status).toBe(428);
      expect((await t.api.get(`/api/tasks/${task.id}/`, as(cast, 'creator'))).headers.etag).toBe('"1"');
      const based = await t.api.request('PUT', `/api/tasks/${task.id}/`, { ...as(cast, 'creator'), body: KINDS.task.change(), headers: { 'if-match': '"1"' } });
      expect(based.status).toBe(200);
      expect((await KINDS.task.create(t, cast)).status).toBe(201);
    } finally {
      await requireIfMatch(false);
    }
    expect((await t.api.put(`/api/tasks/${task.id}/`, KINDS.task.change(), as(cast, 'creator'))).status).toBe(200);
  });
});
