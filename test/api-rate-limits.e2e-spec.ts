import { as, type Cast, createCast } from './support/cast.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** Budgets of API traffic, per member and organization and per API key, told in RateLimit headers. */
describe('API rate limits', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp({ MEMBER_RATE_PER_MINUTE: '3', API_KEY_RATE_PER_MINUTE: '2' });
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  it('tells a member what is left on every answer, then answers 429 with Retry-After, sparing other members and organizations', async () => {
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await t.api.get('/api/tasks/', as(cast, 'creator')));
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((res) => res.headers['ratelimit-policy'])).toEqual(Array(4).fill('"member";q=3;w=60'));
    expect(answers.map((res) => /r=(\d+)/.exec(String(res.headers.ratelimit))?.[1])).toEqual(['2', '1', '0', '0']);
    const refused = answers[3];
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // A write is counted like a read, and refused before it runs.
    const write = await t.api.post('/api/tasks/', { title: 'Never made' }, as(cast, 'creator'));
    expect(write.status).toBe(429);
    expect((await t.api.get('/api/tasks/?title=Never made', as(cast, 'admin'))).body.count).toBe(0);
    expect((await t.api.get('/api/tasks/', as(cast, 'other'))).status).toBe(200);
    expect((await t.api.get('/api/leads/', as(cast, 'outsider'))).status).toBe(200);
  });

  it('gives each API key a budget of its own', async () => {
    const key = await t.api.post('/api/api-keys/', { name: 'worker', scopes: ['*:read'] }, as(cast, 'outsider'));
    const withKey = () => t.api.request('GET', '/api/leads/', { headers: { authorization: `Bearer ${key.body.secret}` } });
    const answers = [await withKey(), await withKey(), await withKey()];
    expect(answers.map((res) => [res.status, res.headers['ratelimit-policy']])).toEqual([
      [200, '"api-key";q=2;w=60'],
      [200, '"api-key";q=2;w=60'],
      [429, '"api-key";q=2;w=60'],
    ]);
  });

  it('tells the budget of public routes too: sign-in per address', async () => {
    const res = await t.api.post('/api/auth/login/', { email: cast.creator.email, password: cast.creator.password });
    expect(res.status).toBe(200);
    expect(res.headers['ratelimit-policy']).toMatch(/^"(auth-ip|login-account)";q=\d+;w=\d+$/);
    expect(res.headers.ratelimit).toMatch(/;r=\d+;t=\d+$/);
  });
});
