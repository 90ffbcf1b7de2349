import { randomUUID } from 'node:crypto';
import { canRunRedis, RedisProcess } from '../support/redis-process.js';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { eventually, mailedTokens, SmtpSink } from '../support/smtp-sink.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** A request must never wait on Redis; within this it has answered, or it is hanging on Redis. */
const ANSWER_DEADLINE_MS = 10_000;

/**
 * Redis going away under a real server process, with a redis-server this test starts and kills on
 * its own port: writes answer in their normal time, queued work is kept and sent when Redis returns
 * without a restart, and the server starts while Redis is down.
 */
(canRunRedis ? describe : describe.skip)('Redis outage (real server process, own redis-server)', () => {
  let database: TestDatabase;
  let redis: RedisProcess;
  let sink: SmtpSink;
  let server: ServerProcess;
  let token: string;
  let orgId: string;
  let member: { id: string; email: string };
  const password = 'violet kettle marching north';
  let ownerEmail: string;

  const call = async (method: string, path: string, body?: unknown, auth = true) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(auth && token ? { authorization: `Bearer ${token}` } : {}),
        ...(auth && orgId ? { 'organization-id': orgId } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(ANSWER_DEADLINE_MS),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const start = () =>
    startServer(database, { REDIS_URL: redis.url, SMTP_URL: sink.url, JOBS_POLL_MS: '200', MAIL_RETRY_DELAY_MS: '50' });

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await RedisProcess.start();
    sink = await new SmtpSink().start();
    server = await start();
    ownerEmail = `owner-${randomUUID()}@example.com`;
    await call('POST', '/api/auth/register/', { email: ownerEmail, password }, false);
    token = (await call('POST', '/api/auth/login/', { email: ownerEmail, password }, false)).body.access_token;
    orgId = (await call('POST', '/api/org/', { name: 'Outage' })).body.id;
    const memberEmail = `member-${randomUUID()}@example.com`;
    await call('POST', '/api/users/', { email: memberEmail, role: 'USER' });
    const inviteToken = await eventually(async () => {
      const [found] = sink.to(memberEmail).flatMap((mail) => mailedTokens(mail.raw, 'inv'));
      expect(found).toBeDefined();
      return found;
    });
    const accepted = await call('POST', '/api/auth/accept-invite/', { token: inviteToken, password }, false);
    member = { id: accepted.body.user_id, email: memberEmail };
  });
  afterAll(async () => {
    await server?.stop();
    await redis?.down();
    await sink?.stop();
    await database?.dispose();
  });

  it('answers writes in their normal time while Redis is down, and sends what they owe once it is back', async () => {
    await redis.down();
    const name = `Outage ${randomUUID().slice(0, 6)}`;
    const account = await call('POST', '/api/accounts/', { name, assigned_to: [member.id] });
    expect(account.status).toBe(201);
    const to = `client-${randomUUID()}@client.example`;
    const mail = await call('POST', `/api/accounts/${account.body.id}/create_mail/`, { subject: 'During the outage', html: '<p>x</p>', recipients: [to] });
    expect(mail.status).toBe(201);
    const stored = await call('GET', `/api/accounts/${account.body.id}/emails/${mail.body.email_id}/`);
    expect(stored.body.status).toBe('queued');
    // Rate limits count in the process while Redis is away: sign-in still works.
    expect((await call('POST', '/api/auth/login/', { email: ownerEmail, password }, false)).status).toBe(200);

    // Degraded, not unready: a load balancer keeps sending, and every request above succeeded.
    const ready = await call('GET', '/health/ready', undefined, false);
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'degraded', checks: { database: 'up', redis: 'down' } });
    await new Promise((done) => setTimeout(done, 1000));
    expect(sink.to(to)).toHaveLength(0);

    await redis.up();
    await eventually(async () => expect(sink.to(to)).toHaveLength(1), 30_000);
    await eventually(async () => expect(sink.to(member.email).filter((m) => m.raw.includes(name))).toHaveLength(1), 30_000);
    await eventually(async () => expect((await call('GET', '/health/ready', undefined, false)).body.status).toBe('ok'));
    await new Promise((done) => setTimeout(done, 500));
    expect(sink.to(to)).toHaveLength(1);
  });

  it('hands jobs that a Redis restarted empty lost over again as soon as it is back, not when their lease ends', async () => {
    const account = await call('POST', '/api/accounts/', { name: `Lost ${randomUUID().slice(0, 6)}` });
    const due = new Date(Date.now() + 4000).toISOString();
    const addresses = Array.from({ length: 5 }, () => `later-${randomUUID()}@client.example`);
    for (const to of addresses) {
      const mail = await call('POST', `/api/accounts/${account.body.id}/create_mail/`, { subject: 'Later', html: '<p>x</p>', recipients: [to], scheduled_later: true, scheduled_date_time: due });
      expect(mail.status).toBe(201);
    }
    // Handed to Redis as delayed jobs, then lost with it: it keeps nothing on disk.
    await new Promise((done) => setTimeout(done, 800));
    await redis.down();
    await redis.up();
    await eventually(async () => expect(addresses.filter((to) => sink.to(to).length === 1)).toEqual(addresses), 20_000);
    await new Promise((done) => setTimeout(done, 500));
    expect(addresses.map((to) => sink.to(to).length)).toEqual(addresses.map(() => 1));
    expect(server.output()).toContain('handing them over again');
  });

  it('starts while Redis is down (ready says degraded), and reports ok when Redis returns', async () => {
    await server.stop();
    await redis.down();
    server = await start();
    expect((await call('GET', '/health', undefined, false)).status).toBe(200);
    const ready = await call('GET', '/health/ready', undefined, false);
    expect([ready.status, ready.body.status]).toEqual([200, 'degraded']);
    const profile = await call('GET', '/api/profile/');
    expect(profile.status).toBe(200);
    await redis.up();
    await eventually(async () => expect((await call('GET', '/health/ready', undefined, false)).body.status).toBe('ok'), 30_000);
    expect(server.output()).not.toContain('Unhandled error event');
    expect(server.output()).toContain('Job queue cannot reach Redis');
    // Every Redis client has a listener: no stack trace printed around the JSON lines.
    const lines = server.output().split('\n').filter((line) => line.trim() !== '');
    expect(lines.filter((line) => !line.startsWith('{'))).toEqual([]);
  });
});
