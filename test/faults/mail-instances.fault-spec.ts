import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import type { Member } from '../support/api.js';
import { eventually, SmtpSink } from '../support/smtp-sink.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Only meaningful with Redis: without it each process has its own queue by design. */
const withRedis = process.env.REDIS_URL ? describe : describe.skip;

withRedis('mail queue shared through Redis by several app instances', () => {
  let sink: SmtpSink;
  let first: TestApp;
  let second: TestApp;
  let admin: Member;
  let orgId: string;
  let accountId: string;
  let env: Record<string, string>;
  let database: TestDatabase;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    database = await createTestDatabase();
    env = { SMTP_URL: sink.url, QUEUE_PREFIX: `crm-test-shared-${randomUUID()}` };
    first = await createTestApp(env, { database });
    second = await createTestApp(env, { database });
    first.api.inbox = sink;
    admin = await first.api.signUp('admin');
    orgId = await first.api.createOrg(admin);
    accountId = (await first.api.post('/api/accounts/', { name: 'Shared' }, { token: admin.token, orgId })).body.id;
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await database.dispose();
    await sink.stop();
  });

  const send = (app: TestApp, body: Record<string, unknown>) =>
    app.api.post(`/api/accounts/${accountId}/create_mail/`, { subject: 'Shared', html: '<p>x</p>', ...body }, { token: admin.token, orgId });

  it('runs each job once, whichever instance takes it', async () => {
    const addresses = Array.from({ length: 20 }, (_, i) => `shared-${i}-${randomUUID()}@client.example`);
    for (const [i, address] of addresses.entries()) {
      expect((await send(i % 2 ? first : second, { recipients: [address] })).status).toBe(201);
    }
    await eventually(async () => expect(addresses.every((address) => sink.to(address).length > 0)).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const address of addresses) expect(sink.to(address)).toHaveLength(1);
  });

  it('keeps a scheduled job in Redis while every instance is down; a restarted instance sends it once', async () => {
    const address = `restart-${randomUUID()}@client.example`;
    const at = new Date(Date.now() + 1500).toISOString();
    const res = await send(second, { recipients: [address], scheduled_later: true, scheduled_date_time: at });
    expect(res.status).toBe(201);
    const [job] = await first.app.get(DataSource).query(`SELECT id FROM outbox_jobs WHERE payload->>'emailId' = $1`, [res.body.email_id]);
    await second.close();
    await first.close();
    const redis = new Redis(process.env.REDIS_URL!);
    expect(await redis.exists(`${env.QUEUE_PREFIX}:jobs:${job.id}`)).toBe(1);
    redis.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(sink.to(address)).toHaveLength(0);
    // The job id is the outbox row's id, so handing it over again would not add a second job.
    first = await createTestApp(env, { database });
    second = await createTestApp(env, { database });
    await eventually(async () => expect(sink.to(address)).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.to(address)).toHaveLength(1);
  });
});
