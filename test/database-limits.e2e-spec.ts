import { DataSource, type QueryRunner } from 'typeorm';
import { PLANNED_EACH_TIME, PREPARED_PER_CONNECTION } from '../src/common/database/preparing-client.js';
import { eventually, SmtpSink } from './support/smtp-sink.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** One tenant must not be able to hold the pool for everyone: deep pages, long statements, waits. */
describe('database limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: '500', DATABASE_ACQUIRE_TIMEOUT_MS: '300' });
  });
  afterAll(() => t.close());

  it('caps offset at 10,000 (deeper paging goes through filters)', async () => {
    const member = await t.api.signUp();
    const orgId = await t.api.createOrg(member);
    expect((await t.api.get('/api/cases/?offset=10000', { token: member.token, orgId })).status).toBe(200);
    const deep = await t.api.get('/api/cases/?offset=10001', { token: member.token, orgId });
    expect(deep.status).toBe(400);
    expect(deep.body.errors).toHaveProperty('offset');
    expect((await t.api.get('/api/leads/?offset=1000000000', { token: member.token, orgId })).status).toBe(400);
  });

  it('answers 503 with Retry-After, not a hang, while no pooled connection comes free', async () => {
    const member = await t.api.signUp();
    const orgId = await t.api.createOrg(member);
    const dataSource = t.app.get(DataSource);
    const held: QueryRunner[] = [];
    for (let i = 0; i < t.database.poolSize; i++) {
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      held.push(runner);
    }
    try {
      const res = await t.api.get('/api/profile/', { token: member.token, orgId });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ statusCode: 503, code: 'SERVICE_BUSY' });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      for (const runner of held) await runner.release();
    }
    expect((await t.api.get('/api/profile/', { token: member.token, orgId })).status).toBe(200);
  });

  // PGlite is one session: a lock it holds blocks nobody. On PostgreSQL, a table locked for 30 s
  // must stall only the requests that need it, for at most the lock timeout.
  (process.env.DATABASE_URL ? it : it.skip)('gives up a wait on a locked table after DATABASE_LOCK_TIMEOUT_MS with 503, while other routes answer', async () => {
    const locking = await createTestApp({ DATABASE_LOCK_TIMEOUT_MS: '300' }, { database: t.database });
    try {
      const member = await locking.api.signUp();
      const orgId = await locking.api.createOrg(member);
      const locker = t.app.get(DataSource).createQueryRunner();
      await locker.connect();
      await locker.startTransaction();
      await locker.query('LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE');
      try {
        const began = Date.now();
        const blocked = await locking.api.get('/api/accounts/', { token: member.token, orgId });
        expect(blocked.status).toBe(503);
        expect(blocked.body).toMatchObject({ code: 'SERVICE_BUSY' });
        expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
        expect(Date.now() - began).toBeLessThan(5000);
        expect((await locking.api.get('/api/tags/', { token: member.token, orgId })).status).toBe(200);
        expect((await locking.api.post('/api/teams/', { name: 'Unblocked' }, { token: member.token, orgId })).status).toBe(201);
      } finally {
        await locker.rollbackTransaction();
        await locker.release();
      }
      expect((await locking.api.get('/api/accounts/', { token: member.token, orgId })).status).toBe(200);
    } finally {
      await locking.close();
    }
  });

  // The embedded engine has one connection for everything; PostgreSQL gives background work its own.
  (process.env.DATABASE_URL ? it : it.skip)('delivers mail while every request connection is taken: background work has its own pool', async () => {
    const sink = await new SmtpSink().start();
    const mailing = await createTestApp({ SMTP_URL: sink.url, DATABASE_ACQUIRE_TIMEOUT_MS: '300' }, { database: t.database });
    const held: QueryRunner[] = [];
    try {
      const member = await mailing.api.signUp();
      const orgId = await mailing.api.createOrg(member);
      const account = await mailing.api.post('/api/accounts/', { name: 'Pool share' }, { token: member.token, orgId });
      const to = `pool-${Date.now()}@client.example`;
      const at = new Date(Date.now() + 2500).toISOString();
      const mail = await mailing.api.post(
        `/api/accounts/${account.body.id}/create_mail/`,
        { subject: 'Later', html: '<p>x</p>', recipients: [to], scheduled_later: true, scheduled_date_time: at },
        { token: member.token, orgId },
      );
      expect(mail.status).toBe(201);
      const dataSource = mailing.app.get(DataSource);
      for (let i = 0; i < t.database.poolSize; i++) {
        const runner = dataSource.createQueryRunner();
        await runner.connect();
        held.push(runner);
      }
      // Requests cannot start now; the scheduled mail is sent anyway, and marked sent.
      expect((await mailing.api.get('/api/profile/', { token: member.token, orgId })).status).toBe(503);
      await eventually(async () => expect(sink.to(to)).toHaveLength(1));
      await eventually(async () => {
        const [delivery] = await held[0].query('SELECT status FROM email_deliveries WHERE address = $1', [to]);
        expect(delivery.status).toBe('sent');
      });
    } finally {
      for (const runner of held) await runner.release();
      await mailing.close();
      await sink.stop();
    }
  });

  // PGlite has no timer to cancel a running statement; PostgreSQL does.
  (process.env.DATABASE_URL ? it : it.skip)('cancels a statement that runs past the statement timeout', async () => {
    const error = await t.app.get(DataSource).query('SELECT pg_sleep(2)').catch((failure: unknown) => failure);
    expect((error as { driverError?: { code?: string } }).driverError?.code).toBe('57014');
  });

  /**
   * Parameterized statements are prepared once per connection and reused; a stream of distinct texts
   * (IN lists of every length, say) stops being prepared at the bound instead of growing the server
   * process, and is still answered. The embedded PGlite prepares nothing: its one session outlives
   * the pooled connection that would name a statement.
   */
  it('prepares each statement once per connection, and no more than the bound', async () => {
    const bound = t.database.prepareStatements ? PREPARED_PER_CONNECTION : 0;
    const runner = t.app.get(DataSource).createQueryRunner();
    await runner.connect();
    try {
      const text = 'SELECT $1::int + 1 AS n';
      const preparedAs = async (statement: string) =>
        Number((await runner.query('SELECT count(*) AS n FROM pg_prepared_statements WHERE statement = $1', [statement]))[0].n);
      expect(await runner.query(text, [1])).toEqual([{ n: 2 }]);
      expect(await runner.query(text, [41])).toEqual([{ n: 42 }]);
      expect(await preparedAs(text)).toBe(Math.min(bound, 1));
      // A statement whose best plan changes as its transaction fills a table is planned every time.
      const replanned = `${PLANNED_EACH_TIME} SELECT $1::int * 2 AS n`;
      expect(await runner.query(replanned, [21])).toEqual([{ n: 42 }]);
      expect(await preparedAs(replanned)).toBe(0);

      for (let i = 0; i < PREPARED_PER_CONNECTION + 20; i++) {
        expect(await runner.query(`SELECT $1::int + ${i} AS n`, [1])).toEqual([{ n: 1 + i }]);
      }
      const [{ n }] = await runner.query('SELECT count(*)::int AS n FROM pg_prepared_statements');
      expect(n).toBe(bound);
      expect(await preparedAs('BEGIN')).toBe(0);
    } finally {
      await runner.release();
    }
  });
});
