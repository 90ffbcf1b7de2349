import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { canRunPostgres, PostgresProcess } from '../support/postgres-process.js';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { multipart } from '../support/multipart.js';
import { eventually } from '../support/smtp-sink.js';

/**
 * The API on a PostgreSQL cluster of the test's own (initdb, pg_ctl on a loopback port), which it
 * stops and starts: an outage answers 503 with Retry-After, never 500; two instances migrate one
 * database once; a SIGTERM drains before it closes.
 */
(canRunPostgres ? describe : describe.skip)('PostgreSQL away, migrations and shutdown (real processes, own cluster)', () => {
  let cluster: PostgresProcess;
  const servers: ServerProcess[] = [];

  const database = async (name: string) => ({ url: await cluster.database(name), poolSize: 5, prepareStatements: true, dispose: async () => undefined });
  const start = async (name: string, env: Record<string, string> = {}) => {
    const server = await startServer(await database(name), { LOG_LEVEL: 'warn', DATABASE_ACQUIRE_TIMEOUT_MS: '2000', ...env });
    servers.push(server);
    return server;
  };
  const json = async (server: ServerProcess, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text.startsWith('{') ? JSON.parse(text) : text };
  };
  const signIn = async (server: ServerProcess) => {
    const email = `pg-${randomUUID()}@example.com`;
    const password = 'violet kettle marching north';
    await json(server, 'POST', '/api/auth/register/', { email, password });
    const token = (await json(server, 'POST', '/api/auth/login/', { email, password })).body.access_token as string;
    const orgId = (await json(server, 'POST', '/api/org/', { name: 'Outage' }, { authorization: `Bearer ${token}` })).body.id as string;
    return { authorization: `Bearer ${token}`, 'organization-id': orgId };
  };

  beforeAll(async () => {
    cluster = await PostgresProcess.start();
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await cluster?.remove();
  });

  it('lets two instances start together on pending migrations: one applies them, the other waits and finds none', async () => {
    await cluster.database('fresh');
    const [first, second] = await Promise.all([start('fresh'), start('fresh')]);
    expect([first.alive(), second.alive()]).toEqual([true, true]);
    const client = new pg.Client({ connectionString: cluster.url('fresh') });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; times: number }>('SELECT name, count(*)::int AS times FROM migrations GROUP BY name');
      expect(rows.length).toBeGreaterThan(10);
      expect(rows.filter((row) => row.times !== 1)).toEqual([]);
    } finally {
      await client.end();
    }
    expect(`${first.output()}${second.output()}`).not.toContain('duplicate key');
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After while PostgreSQL is stopped, logs it once, and recovers when it is back', async () => {
    const server = await start('outage');
    const caller = await signIn(server);
    expect((await json(server, 'GET', '/api/accounts/', undefined, caller)).status).toBe(200);

    await cluster.down('fast');
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await json(server, 'GET', i % 2 ? '/api/leads/' : '/api/accounts/', undefined, caller));
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', requestId: expect.any(String) });
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const ready = await json(server, 'GET', '/health/ready');
    expect([ready.status, ready.body.status]).toEqual([503, 'unavailable']);
    expect((await json(server, 'GET', '/health')).status).toBe(200);
    expect(server.output().match(/Database unavailable/g) ?? []).toHaveLength(1);
    expect(server.output()).not.toContain('Unhandled error');

    await cluster.up();
    await eventually(async () => expect((await json(server, 'GET', '/api/accounts/', undefined, caller)).status).toBe(200), 15_000);
    expect((await json(server, 'GET', '/health/ready')).body.status).toBe('ok');
  });

  it('sheds a flood: past HTTP_MAX_IN_FLIGHT requests answer 503 at once, and the answered ones stay fast', async () => {
    const server = await start('flood', { DATABASE_POOL_SIZE: '2', HTTP_MAX_IN_FLIGHT: '8', AUTH_RATE_PER_IP: '100000' });
    const caller = await signIn(server);
    const timed = async () => {
      const began = performance.now();
      const answer = await json(server, 'GET', '/api/accounts/', undefined, caller);
      return { ...answer, ms: performance.now() - began };
    };
    const answers = await Promise.all(Array.from({ length: 200 }, timed));
    const shed = answers.filter((answer) => answer.status === 503);
    const served = answers.filter((answer) => answer.status === 200);
    expect(served.length + shed.length).toBe(200);
    expect(shed.length).toBeGreaterThan(0);
    for (const answer of shed) {
      expect(answer.body.code).toBe('SERVICE_BUSY');
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(5000);
    expect((await json(server, 'GET', '/health/ready')).status).toBe(200);
  });

  it('marks a background import whose process was killed failed, from another instance, and removes its upload', async () => {
    const env = { LEAD_IMPORT_SYNC_BYTES: '1024', LEAD_IMPORT_STALE_MS: '2000' };
    const first = await start('orphans', env);
    const caller = await signIn(first);
    const rows = Array.from({ length: 150_000 }, (_, i) => `Row,${i},orphan-${i}@example.com`).join('\n');
    const form = multipart({}, [{ field: 'leads_file', fileName: 'big.csv', content: `first_name,last_name,email\n${rows}\n` }]);
    const started = await fetch(`${first.url}/api/leads/upload/`, { method: 'POST', headers: { ...caller, ...form.headers }, body: form.body });
    expect(started.status).toBe(202);
    const job = (await started.json()) as { id: string };
    await eventually(async () => expect((await json(first, 'GET', `/api/leads/imports/${job.id}/`, undefined, caller)).body.rows_read).toBeGreaterThan(0), 15_000);
    first.child.kill('SIGKILL');
    await new Promise((done) => first.child.once('exit', done));

    const second = await start('orphans', env);
    const failed = await eventually(async () => {
      const status = await json(second, 'GET', `/api/leads/imports/${job.id}/`, undefined, caller);
      expect(status.body.status).toBe('failed');
      return status.body;
    }, 15_000);
    expect(failed.message).toContain('stopped');
    expect(failed.imported_count).toBe(0);
    expect((await json(second, 'GET', '/api/leads/?limit=1', undefined, caller)).body.open_leads_count).toBe(0);
    const spooled = (await readdir(tmpdir())).filter((name) => name.startsWith(`crm-lead-import-${caller['organization-id']}`));
    expect(spooled).toEqual([]);
  });

  it('on SIGTERM turns unready at once, keeps serving through SHUTDOWN_DRAIN_MS, then closes and exits 0', async () => {
    const server = await start('drain', { SHUTDOWN_DRAIN_MS: '2000' });
    const caller = await signIn(server);
    const exited = new Promise<number | null>((done) => server.child.once('exit', (code) => done(code)));
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    await eventually(async () => expect((await json(server, 'GET', '/health/ready')).body.status).toBe('shutting_down'));
    const during = await json(server, 'GET', '/api/accounts/', undefined, caller);
    expect(during.status).toBe(200);
    expect(await exited).toBe(0);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(2000);
    expect(Date.now() - signalled).toBeLessThan(10_000);
  });
});
