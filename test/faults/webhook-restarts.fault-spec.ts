import { randomUUID } from 'node:crypto';
import { canRunRedis, RedisProcess } from '../support/redis-process.js';
import { freePort, startServer, type ServerProcess } from '../support/server-process.js';
import { eventually } from '../support/smtp-sink.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * The guarantee that webhooks survive what a process can suffer: with the receiver down, the API
 * killed with SIGKILL mid-retry and started again (and, with Redis, a private redis-server killed
 * too), the receiver, once back, gets every event, in seq order.
 */
describe('webhooks across a receiver outage and a killed server (real server process)', () => {
  let database: TestDatabase;
  let redis: RedisProcess | undefined;
  let server: ServerProcess;
  let token: string;
  let orgId: string;
  const password = 'violet kettle marching north';

  const call = async (method: string, path: string, body?: unknown, auth = true) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}`, 'organization-id': orgId } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const start = () =>
    startServer(database, { ...(redis ? { REDIS_URL: redis.url } : {}), JOBS_POLL_MS: '200', WEBHOOK_POLL_MS: '200', WEBHOOK_RETRY_SCHEDULE_MS: '200,400,800,1600,3200,6400,12800' });

  beforeAll(async () => {
    database = await createTestDatabase();
    if (canRunRedis) redis = await RedisProcess.start();
    server = await start();
    const email = `owner-${randomUUID()}@example.com`;
    await call('POST', '/api/auth/register/', { email, password }, false);
    token = (await call('POST', '/api/auth/login/', { email, password }, false)).body.access_token;
    orgId = (await call('POST', '/api/org/', { name: 'Hooks' })).body.id;
  });
  afterAll(async () => {
    await server?.stop();
    await redis?.down();
    await database?.dispose();
  });

  it('delivers every event once the receiver is back, after the server was killed -9 and restarted', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/hooks`;
    expect((await call('POST', '/api/webhooks/', { url, events: ['lead.*'] })).status).toBe(201);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await call('POST', '/api/leads/', { first_name: 'Lead', last_name: `${i}` })).body.id);
    // The receiver is down: the first event is being retried when the server dies.
    await new Promise((resolve) => setTimeout(resolve, 700));
    server.child.kill('SIGKILL');
    await new Promise((resolve) => server.child.once('exit', resolve));
    if (redis) {
      await redis.down();
      await redis.up();
    }
    const receiver = await new WebhookReceiver().start(port);
    server = await start();
    const delivered = await eventually(async () => {
      expect(receiver.delivered()).toHaveLength(10);
      return receiver.delivered<{ seq: number; record: { id: string } }>();
    }, 60_000);
    expect(delivered.map(({ record }) => record.id)).toEqual(ids);
    expect(delivered.map(({ seq }) => seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    await receiver.stop();
  });
});
