import { randomUUID } from 'node:crypto';
import { as, createCast } from './support/cast.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const LIMITS = { AUTH_RATE_PER_IP: '8', LOGIN_RATE_PER_ACCOUNT: '5', MAIL_PER_ORG_PER_MINUTE: '3' };

describe('throttling and the password rule', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(LIMITS);
  });
  afterAll(() => t.close());

  let address = 0;
  /** A fresh client address, so each test starts with a full per-IP budget. */
  const newIp = () => `10.0.${Math.floor(++address / 250)}.${address % 250}`;
  const login = (email: string, password: string, ip: string) =>
    t.api.request('POST', '/api/auth/login/', { body: { email, password }, remoteAddress: ip });

  it('stops password guessing on an account: after the budget even the right password gets 429 with Retry-After', async () => {
    // Signing up signed in once: four guesses use up the budget of five.
    const member = await t.api.signUp('guessed');
    const ip = newIp();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await login(member.email, `wrong guess ${i}`, ip)).status);
    expect(answers).toEqual([401, 401, 401, 401]);
    const right = await login(member.email, member.password, ip);
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('RATE_LIMITED');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts guesses at one account from many addresses together', async () => {
    const member = await t.api.signUp('spread');
    for (let i = 0; i < 4; i++) expect((await login(member.email, 'wrong guess', newIp())).status).toBe(401);
    expect((await login(member.email, member.password, newIp())).status).toBe(429);
  });

  it('limits one address across sign-in, registration and refresh, not others', async () => {
    const ip = newIp();
    const statuses = [];
    for (let i = 0; i < 9; i++) {
      const res = await t.api.request('POST', '/api/auth/register/', {
        body: { email: `flood-${randomUUID()}@example.com`, password: 'violet kettle marching north' },
        remoteAddress: ip,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 201, 201, 429]);
    expect((await t.api.request('POST', '/api/auth/refresh-token/', { body: { refresh: 'x' }, remoteAddress: ip })).status).toBe(429);
    const elsewhere = await t.api.request('POST', '/api/auth/register/', {
      body: { email: `calm-${randomUUID()}@example.com`, password: 'violet kettle marching north' },
      remoteAddress: newIp(),
    });
    expect(elsewhere.status).toBe(201);
  });

  it.each([
    ['a common password', 'password1234'],
    ['spaces only', '            '],
    ['the e-mail address', 'SAME-AS-EMAIL'],
    ['one repeated character', 'aaaaaaaaaaaa'],
    ['nine characters', 'kettle-9x'],
  ])('refuses %s as a password', async (_case, password) => {
    const email = `rule-${randomUUID()}@example.com`;
    const res = await t.api.request('POST', '/api/auth/register/', {
      body: { email, password: password === 'SAME-AS-EMAIL' ? email : password },
      remoteAddress: newIp(),
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors)).toEqual(['password']);
  });
});

describe('mail quotas', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ MAIL_PER_ORG_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('holds an organization to its mail quota: 429 with Retry-After, nothing stored', async () => {
    const cast = await createCast(t.api);
    const account = (await t.api.post('/api/accounts/', { name: 'Quota' }, as(cast, 'admin'))).body.id;
    const send = (recipients: string[]) =>
      t.api.post(`/api/accounts/${account}/create_mail/`, { subject: 'Hi', html: '<p>x</p>', recipients }, as(cast, 'admin'));
    expect((await send(['a@quota.example', 'b@quota.example'])).status).toBe(201);
    const over = await send(['c@quota.example', 'd@quota.example']);
    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect((await send(['e@quota.example'])).status).toBe(201);
    const stored = await t.api.get(`/api/accounts/${account}/emails/`, as(cast, 'admin'));
    expect(stored.body.count).toBe(2);
  });
});

(process.env.REDIS_URL ? describe : describe.skip)('rate limits shared by every instance through Redis', () => {
  let database: TestDatabase;
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    const shared = { ...LIMITS, QUEUE_PREFIX: `crm-test-rl-${randomUUID()}` };
    first = await createTestApp(shared, { database });
    second = await createTestApp(shared, { database });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await database?.dispose();
  });

  it('counts sign-in attempts on both instances against one budget', async () => {
    const member = await first.api.signUp('shared');
    for (let i = 0; i < 4; i++) {
      const app = i % 2 ? first : second;
      expect((await app.api.request('POST', '/api/auth/login/', { body: { email: member.email, password: 'nope nope nope' } })).status).toBe(401);
    }
    const res = await first.api.request('POST', '/api/auth/login/', { body: { email: member.email, password: member.password } });
    expect(res.status).toBe(429);
  });
});
