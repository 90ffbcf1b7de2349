import { randomUUID } from 'node:crypto';
import { as, type Cast, createCast } from './support/cast.js';
import { createTestApp, type TestApp } from './support/test-app.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Server API keys: what an ADMIN makes, what a key may do in its organization, and how it stops. */
describe('server API keys', () => {
  let t: TestApp;
  let other: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    // A second instance on the same database: a revocation must hold there at once too.
    other = await createTestApp({}, { database: t.database });
    cast = await createCast(t.api);
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  const makeKey = async (body: Record<string, unknown> = {}) => {
    const res = await t.api.post('/api/api-keys/', { name: `worker ${randomUUID()}`, scopes: ['leads:write', 'accounts:read'], ...body }, as(cast, 'admin'));
    expect(res.status).toBe(201);
    return res.body as { id: string; secret: string; last4: string };
  };
  const withKey = (secret: string, method: Method, url: string, body?: unknown, headers: Record<string, string> = {}, app = t) =>
    app.api.request(method, url, { body, headers: { authorization: `Bearer ${secret}`, ...headers } });

  it('shows the secret once, then only its last four characters; only an ADMIN manages keys', async () => {
    const key = await makeKey();
    expect(key.secret).toMatch(/^crm_[A-Za-z0-9_-]{43}$/);
    expect(key.last4).toBe(key.secret.slice(-4));
    const listed = await t.api.get('/api/api-keys/', as(cast, 'admin'));
    expect(listed.body.results.map((k: { id: string }) => k.id)).toContain(key.id);
    expect(JSON.stringify(listed.body)).not.toContain(key.secret);
    const detail = await t.api.get(`/api/api-keys/${key.id}/`, as(cast, 'admin'));
    expect(detail.body).toMatchObject({ scopes: ['leads:write', 'accounts:read'], created_by: cast.admin.userId, revoked_at: null, expires_at: null });
    expect(detail.body.secret).toBeUndefined();
    expect((await t.api.get('/api/api-keys/', as(cast, 'creator'))).body.code).toBe('ROLE_REQUIRED');
  });

  it('answers 404 to another organization’s ADMIN for every key route, and changes nothing', async () => {
    const key = await makeKey();
    const url = `/api/api-keys/${key.id}/`;
    expect((await t.api.get(url, as(cast, 'outsider'))).status).toBe(404);
    expect((await t.api.delete(url, as(cast, 'outsider'))).status).toBe(404);
    expect((await t.api.post(`${url}rotate/`, {}, as(cast, 'outsider'))).status).toBe(404);
    expect((await t.api.get('/api/api-keys/', as(cast, 'outsider'))).body.results.map((k: { id: string }) => k.id)).not.toContain(key.id);
    expect((await withKey(key.secret, 'GET', '/api/leads/')).status).toBe(200);
    expect((await t.api.get(url, as(cast, 'admin'))).body).toMatchObject({ revoked_at: null, previous_valid_until: null, last4: key.last4 });
  });

  it('refuses an unknown scope, an expiry in the past and a bad overlap, naming the field', async () => {
    const bad = await t.api.post('/api/api-keys/', { name: 'x', scopes: ['leads:write', 'leads:delete'] }, as(cast, 'admin'));
    expect([bad.status, Object.keys(bad.body.errors)]).toEqual([400, ['scopes']]);
    const past = await t.api.post('/api/api-keys/', { name: 'x', scopes: ['*:read'], expires_at: '2020-01-01T00:00:00Z' }, as(cast, 'admin'));
    expect([past.status, Object.keys(past.body.errors)]).toEqual([400, ['expires_at']]);
    const key = await makeKey();
    const overlap = await t.api.post(`/api/api-keys/${key.id}/rotate/`, { overlap_seconds: 8 * 24 * 3600 }, as(cast, 'admin'));
    expect([overlap.status, Object.keys(overlap.body.errors)]).toEqual([400, ['overlap_seconds']]);
  });

  it('acts in its organization without the header, as an ADMIN within its scopes, its writes its creator’s and its history its own', async () => {
    const key = await makeKey();
    const created = await withKey(key.secret, 'POST', '/api/leads/', { first_name: 'Key', last_name: 'Made' });
    expect(created.status).toBe(201);
    expect(created.body.created_by).toBe(cast.admin.userId);
    const history = await t.api.get(`/api/leads/${created.body.id}/history/`, as(cast, 'admin'));
    expect(history.body.results[0].actor).toEqual({ type: 'api_key', id: key.id });
    // What a USER made and nobody assigned: an ADMIN sees it, so does the key.
    const account = await t.api.post('/api/accounts/', { name: `Private ${randomUUID()}` }, as(cast, 'creator'));
    expect((await withKey(key.secret, 'GET', `/api/accounts/${account.body.id}/`)).status).toBe(200);
    expect((await withKey(key.secret, 'GET', '/api/accounts/', undefined, { 'organization-id': cast.orgId })).status).toBe(200);
  });

  it('answers 403 INSUFFICIENT_SCOPE naming the scope a route needs, and on routes no key may use', async () => {
    const key = await makeKey();
    const write = await withKey(key.secret, 'POST', '/api/accounts/', { name: 'Nope' });
    expect([write.status, write.body.code, write.body.message]).toEqual([403, 'INSUFFICIENT_SCOPE', expect.stringContaining('accounts:write')]);
    const read = await withKey(key.secret, 'GET', '/api/cases/');
    expect([read.status, read.body.message]).toEqual([403, expect.stringContaining('cases:read')]);
    for (const [method, url, body] of [
      ['GET', '/api/api-keys/'],
      ['POST', '/api/api-keys/', { name: 'escalate', scopes: ['*:write'] }],
      ['PUT', '/api/org/settings/', { require_if_match: true }],
      ['POST', '/api/users/', { email: 'someone@example.com', role: 'ADMIN' }],
      ['GET', '/api/org/'],
    ] as [Method, string, unknown?][]) {
      const res = await withKey(key.secret, method, url, body);
      expect([method, url, res.status, res.body.code]).toEqual([method, url, 403, 'INSUFFICIENT_SCOPE']);
    }
    const everything = await makeKey({ scopes: ['*:read'] });
    expect((await withKey(everything.secret, 'GET', '/api/cases/')).status).toBe(200);
    expect((await withKey(everything.secret, 'POST', '/api/cases/', { name: 'x' })).status).toBe(403);
  });

  it('refuses a key with another organization’s header, and an unknown key', async () => {
    const key = await makeKey();
    const elsewhere = await withKey(key.secret, 'GET', '/api/leads/', undefined, { 'organization-id': cast.outsiderOrgId });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([403, 'ORG_ACCESS_DENIED']);
    const unknown = await withKey(`crm_${'x'.repeat(43)}`, 'GET', '/api/leads/');
    expect([unknown.status, unknown.body.code]).toEqual([401, 'API_KEY_INVALID']);
    const viaHeader = await t.api.request('GET', '/api/leads/', { headers: { 'x-api-key': key.secret } });
    expect(viaHeader.status).toBe(200);
  });

  it('stops at revocation on the very next request, on every instance, and stays listed as revoked', async () => {
    const key = await makeKey();
    expect((await withKey(key.secret, 'GET', '/api/leads/', undefined, {}, other)).status).toBe(200);
    expect((await t.api.delete(`/api/api-keys/${key.id}/`, as(cast, 'admin'))).status).toBe(204);
    for (const app of [t, other]) {
      const res = await withKey(key.secret, 'GET', '/api/leads/', undefined, {}, app);
      expect([res.status, res.body.code]).toEqual([401, 'API_KEY_REVOKED']);
    }
    expect((await t.api.get(`/api/api-keys/${key.id}/`, as(cast, 'admin'))).body.revoked_at).toEqual(expect.any(String));
    expect((await t.api.post(`/api/api-keys/${key.id}/rotate/`, {}, as(cast, 'admin'))).status).toBe(404);
  });

  it('rotates: the old secret works for the overlap, none with an overlap of 0', async () => {
    const key = await makeKey();
    const rotated = await t.api.post(`/api/api-keys/${key.id}/rotate/`, { overlap_seconds: 3600 }, as(cast, 'admin'));
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(key.secret);
    expect((await withKey(key.secret, 'GET', '/api/leads/')).status).toBe(200);
    expect((await withKey(rotated.body.secret, 'GET', '/api/leads/')).status).toBe(200);
    const again = await t.api.post(`/api/api-keys/${key.id}/rotate/`, { overlap_seconds: 0 }, as(cast, 'admin'));
    for (const old of [key.secret, rotated.body.secret]) {
      const res = await withKey(old, 'GET', '/api/leads/');
      expect([res.status, res.body.code]).toEqual([401, 'API_KEY_INVALID']);
    }
    expect((await withKey(again.body.secret, 'GET', '/api/leads/')).status).toBe(200);
  });

  it('stops at its expiry, whatever lifetime it was given', async () => {
    const key = await makeKey({ expires_at: new Date(Date.now() + 1500).toISOString() });
    expect((await withKey(key.secret, 'GET', '/api/leads/')).status).toBe(200);
    await new Promise((done) => setTimeout(done, 1600));
    const res = await withKey(key.secret, 'GET', '/api/leads/');
    expect([res.status, res.body.code]).toEqual([401, 'API_KEY_EXPIRED']);
  });
});
