import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { as, type Cast, createCast } from './support/cast.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('web-form intake: api-settings and create-from-site', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp({ LEAD_INTAKE_PER_MINUTE: '3' });
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  const makeKey = async (extra: Record<string, unknown> = {}) => {
    const res = await t.api.post(
      '/api/api-settings/',
      { title: 'acme.com form', website: 'https://acme.com', lead_assigned_to: [cast.assignee.userId], tags: ['web'], ...extra },
      as(cast, 'admin'),
    );
    expect(res.status).toBe(201);
    return res.body;
  };
  const prospect = () => ({
    first_name: 'John',
    last_name: 'Prospect',
    email: `john-${randomUUID()}@prospect.com`,
    phone: '+1234567890',
    account_name: 'Prospect Company',
    title: 'Interested in Product Demo',
  });

  it('shows the key once, then only its prefix; stores a digest', async () => {
    const created = await makeKey();
    expect(created.apikey).toMatch(/^crm_[A-Za-z0-9_-]{43}$/);
    expect(created.key_prefix).toBe(created.apikey.slice(0, 12));
    const listed = await t.api.get('/api/api-settings/', as(cast, 'admin'));
    const item = listed.body.results.find((s: { id: string }) => s.id === created.id);
    expect(item).toEqual({
      id: created.id,
      title: 'acme.com form',
      website: 'https://acme.com',
      key_prefix: created.key_prefix,
      lead_assigned_to: [cast.assignee.userId],
      tags: ['web'],
      revoked_at: null,
      created_by: cast.admin.userId,
      created_on: expect.any(String),
    });
    expect(JSON.stringify(listed.body)).not.toContain(created.apikey);
    const [row] = await t.app.get(DataSource).query('SELECT key_digest FROM api_settings WHERE id = $1', [created.id]);
    expect(row.key_digest).not.toContain(created.apikey);
  });

  it('creates a lead in the key’s organization, assigned and tagged by the key, source Website Form', async () => {
    const key = await makeKey();
    const body = prospect();
    const res = await t.api.post(`/api/leads/create-from-site/?apikey=${key.apikey}`, body);
    expect(res.status).toBe(201);
    // The key's own budget (LEAD_INTAKE_PER_MINUTE, 3 here) is the one the headers tell.
    expect([res.headers['ratelimit-policy'], res.headers.ratelimit]).toEqual(['"intake-key";q=3;w=60', expect.stringMatching(/^"intake-key";r=2;t=\d+$/)]);
    expect(res.body).toMatchObject({
      ...body,
      source: 'Website Form',
      status: 'assigned',
      assigned_to: [cast.assignee.userId],
      tags: ['web'],
      created_by: null,
    });
    const seen = await t.api.get(`/api/leads/${res.body.id}/`, as(cast, 'assignee'));
    expect(seen.status).toBe(200);
    expect((await t.api.get(`/api/leads/${res.body.id}/`, as(cast, 'outsider'))).status).toBe(404);
  });

  it('takes the key in the X-API-Key header too (the preferred way: it stays out of URLs and logs)', async () => {
    const key = await makeKey();
    const res = await t.api.request('POST', '/api/leads/create-from-site/', { body: prospect(), headers: { 'x-api-key': key.apikey } });
    expect(res.status).toBe(201);
    expect(res.body.source).toBe('Website Form');
    const wrong = await t.api.request('POST', '/api/leads/create-from-site/', { body: prospect(), headers: { 'x-api-key': 'crm_made_up' } });
    expect(wrong.status).toBe(401);
  });

  it('answers a missing, unknown or revoked key with 401 and creates nothing', async () => {
    const key = await makeKey();
    await t.api.delete(`/api/api-settings/${key.id}/`, as(cast, 'admin'));
    const email = `nobody-${randomUUID()}@x.co`;
    for (const url of [
      '/api/leads/create-from-site/',
      '/api/leads/create-from-site/?apikey=crm_made_up',
      `/api/leads/create-from-site/?apikey=${key.apikey}`,
    ]) {
      const res = await t.api.post(url, { ...prospect(), email });
      expect([url, res.status, res.body.code]).toEqual([url, 401, 'INVALID_API_KEY']);
    }
    const listed = await t.api.get(`/api/leads/?email=${email}`, as(cast, 'admin'));
    expect(listed.body.open_leads_count).toBe(0);
    const revoked = await t.api.get(`/api/api-settings/${key.id}/`, as(cast, 'admin'));
    expect(revoked.body.revoked_at).not.toBeNull();
  });

  it('checks the key before the body: a bad key with a bad body is still 401', async () => {
    const res = await t.api.post('/api/leads/create-from-site/?apikey=wrong', { first_name: 42 });
    expect(res.status).toBe(401);
  });

  it('validates the body with a good key, and ignores no field silently', async () => {
    const key = await makeKey();
    const res = await t.api.post(`/api/leads/create-from-site/?apikey=${key.apikey}`, {
      first_name: 'A',
      email: 'nope',
      assigned_to: [cast.other.userId],
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['assigned_to', 'email', 'last_name']);
  });

  it('limits each key per minute with 429 and Retry-After; other keys are unaffected', async () => {
    const key = await makeKey();
    for (let i = 0; i < 3; i += 1) {
      expect((await t.api.post(`/api/leads/create-from-site/?apikey=${key.apikey}`, prospect())).status).toBe(201);
    }
    const limited = await t.api.post(`/api/leads/create-from-site/?apikey=${key.apikey}`, prospect());
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const other = await makeKey();
    expect((await t.api.post(`/api/leads/create-from-site/?apikey=${other.apikey}`, prospect())).status).toBe(201);
  });

  it('manages keys for ADMINs only', async () => {
    expect((await t.api.get('/api/api-settings/', as(cast, 'creator'))).status).toBe(403);
    expect((await t.api.post('/api/api-settings/', { title: 'x' }, as(cast, 'creator'))).status).toBe(403);
    const key = await makeKey();
    expect((await t.api.get(`/api/api-settings/${key.id}/`, as(cast, 'outsider'))).status).toBe(404);
    expect((await t.api.delete(`/api/api-settings/${key.id}/`, as(cast, 'outsider'))).status).toBe(404);
    const updated = await t.api.put(`/api/api-settings/${key.id}/`, { title: 'renamed', tags: [] }, as(cast, 'admin'));
    expect(updated.body).toMatchObject({ title: 'renamed', tags: [], key_prefix: key.key_prefix });
  });

  it('rejects assignees from another organization', async () => {
    const res = await t.api.post('/api/api-settings/', { title: 'x', lead_assigned_to: [cast.outsider.userId] }, as(cast, 'admin'));
    expect(res.status).toBe(400);
    expect(res.body.errors.lead_assigned_to[0]).toContain(cast.outsider.userId);
  });
});
