import { as, createCast } from './support/cast.js';
import { multipart } from './support/multipart.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('HTTP conventions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers an unknown route with the common 404 body', async () => {
    const member = await t.api.signUp();
    const res = await t.api.get('/api/no-such-thing/', { token: member.token });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: true,
      statusCode: 404,
      code: 'NOT_FOUND',
      message: expect.any(String),
      requestId: res.headers['x-request-id'],
    });
  });

  it('gives every response an x-request-id, keeping a safe one sent by the caller', async () => {
    const generated = await t.api.get('/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.api.request('GET', '/health', { headers: { 'x-request-id': 'trace-123' } });
    expect(kept.headers['x-request-id']).toBe('trace-123');
    const unsafe = await t.api.request('GET', '/health', { headers: { 'x-request-id': 'a b<script>' } });
    expect(unsafe.headers['x-request-id']).not.toBe('a b<script>');
  });

  it('serves routes with and without a trailing slash', async () => {
    const member = await t.api.signUp();
    expect((await t.api.get('/api/org', { token: member.token })).status).toBe(200);
    expect((await t.api.get('/api/org/', { token: member.token })).status).toBe(200);
  });

  it('answers malformed JSON with 400 in the common body', async () => {
    const res = await t.api.request('POST', '/api/auth/login/', {
      body: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: true, statusCode: 400, code: 'BAD_REQUEST', requestId: expect.any(String) });
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await t.api.request('POST', '/api/auth/login/', {
      body: '<login/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it.each([
    ['form-encoded', 'application/x-www-form-urlencoded', 'email=a%40b.co&password=whatever'],
    ['plain text', 'text/plain', 'email=a@b.co'],
  ])('answers a %s body on a JSON route with 415 in the common body', async (_kind, contentType, body) => {
    const res = await t.api.request('POST', '/api/auth/login/', { body, headers: { 'content-type': contentType } });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ error: true, statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', requestId: res.headers['x-request-id'] });
  });

  it('refuses JSON nested deeper than 32 levels on every route, signed in or not', async () => {
    const member = await t.api.signUp();
    const nested = (depth: number) => JSON.stringify({ name: JSON.parse('['.repeat(depth - 1) + ']'.repeat(depth - 1)) });
    const deep = await t.api.request('POST', '/api/org/', { token: member.token, body: nested(40), headers: { 'content-type': 'application/json' } });
    expect(deep.status).toBe(400);
    expect(deep.body.code).toBe('JSON_TOO_DEEP');
    const shallow = await t.api.request('POST', '/api/org/', { token: member.token, body: nested(5), headers: { 'content-type': 'application/json' } });
    expect(shallow.status).toBe(400);
    expect(shallow.body.code).toBe('VALIDATION_FAILED');
  });

  it('rejects a __proto__ key in a body', async () => {
    const res = await t.api.request('POST', '/api/auth/login/', {
      body: '{"email":"a@b.co","password":"x","__proto__":{"admin":true}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
  });

  it('sends security headers', async () => {
    const res = await t.api.get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('reports liveness and readiness without a token', async () => {
    expect((await t.api.get('/health')).body).toEqual({ status: 'ok' });
    const ready = await t.api.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ok',
      checks: { database: 'up', redis: process.env.REDIS_URL ? 'up' : 'not_configured' },
    });
  });

  it('answers a method a known path does not take with 405 and Allow, an unknown path with 404', async () => {
    const cast = await createCast(t.api);
    const account = await t.api.post('/api/accounts/', { name: 'Patchable?' }, as(cast, 'admin'));
    const patched = await t.api.request('PATCH', `/api/accounts/${account.body.id}/`, { ...as(cast, 'admin'), body: { name: 'x' } });
    expect(patched.status).toBe(405);
    expect(patched.body).toMatchObject({ error: true, statusCode: 405, code: 'METHOD_NOT_ALLOWED', requestId: expect.any(String) });
    expect(String(patched.headers.allow).split(', ')).toEqual(expect.arrayContaining(['DELETE', 'GET', 'PUT']));
    expect((await t.api.request('PATCH', '/api/no-such-thing/', as(cast, 'admin'))).status).toBe(404);
  });

  it.each(['application/x-www-form-urlencoded', 'application/json'])('takes an empty %s body as no body on actions that need none', async (type) => {
    const cast = await createCast(t.api);
    const lead = await t.api.post('/api/leads/', { first_name: 'Empty', last_name: 'Body', account_name: `Empty ${type}` }, as(cast, 'admin'));
    const converted = await t.api.request('POST', `/api/leads/${lead.body.id}/convert/`, { ...as(cast, 'admin'), headers: { 'content-type': type } });
    expect(converted.status).toBe(200);
    expect(converted.body.converted_account_id).toEqual(expect.any(String));
    const form = await t.api.request('POST', '/api/accounts/', { ...as(cast, 'admin'), headers: { 'content-type': type }, body: type.includes('json') ? '{"name":' : 'name=x' });
    expect([400, 415]).toContain(form.status);
  });

  it('refuses a multipart form on a JSON route (415) instead of answering 200 and changing nothing', async () => {
    const cast = await createCast(t.api);
    const team = await t.api.post('/api/teams/', { name: 'Before' }, as(cast, 'admin'));
    const form = multipart({ name: 'After' }, [{ field: 'attachment', fileName: 'a.txt', content: 'x' }]);
    const res = await t.api.request('PUT', `/api/teams/${team.body.id}/`, { ...as(cast, 'admin'), body: form.body, headers: form.headers });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await t.api.get(`/api/teams/${team.body.id}/`, as(cast, 'admin'))).body.name).toBe('Before');
    // The routes that take uploads (comments, and record forms with <kind>_attachment) still do.
    const account = await t.api.post('/api/accounts/', { name: 'Uploads' }, as(cast, 'admin'));
    const comment = await t.api.upload(`/api/accounts/${account.body.id}/`, multipart({ comment: 'with a file' }, [{ field: 'attachment', fileName: 'n.txt', content: 'y' }]), as(cast, 'admin'));
    expect(comment.status).toBe(201);
  });
});
