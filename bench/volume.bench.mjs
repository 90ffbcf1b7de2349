// npm run bench:volume — the routes of issue 16 at the reference volume (one organization with
// 10,000 accounts, 20,000 leads, 1,000 contacts, 100,000 cases, 20 tags, links) and at 1/10 of it:
// throughput and latency under load against the API and against a bare Fastify + pg server
// (bench/bare-server.mjs), response bytes, and SQL statements per request counted exactly by a
// proxy in front of PostgreSQL.
import { cpus } from 'node:os';
import pg from 'pg';
import { seedVolume } from './seed.mjs';
import { startSqlCounter } from './sql-counter.mjs';
import { measureRoute, quietApiEnv, startServer, throwawayDatabase, writeResult } from './support.mjs';

const FACTORS = (process.env.BENCH_VOLUMES ?? '0.1,1').split(',').map(Number);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
/** Load before each measured run, so both servers are measured with their code optimized (steady state), not while the JIT warms up. */
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
/** The API whose statements are counted, connected through the counting proxy. */
const API_PORT = 3904;
const BARE_PORT = 3905;
/** The API put under load: connected straight to PostgreSQL, as the bare handler is (the proxy runs in this process, beside the load generator). */
const LOAD_PORT = 3906;
/** Requests whose statements are counted, one after the other, per route. */
const COUNTED = 20;

const TARGETS = {
  'GET /api/accounts/?limit=10': 400,
  'GET /api/leads/?limit=10': 400,
  'GET /api/accounts/{id}/': 750,
  'GET /api/leads/{id}/': 750,
  'GET /api/cases/?limit=10': 300,
  'GET /api/cases/?name=email issue&status=In Progress': 150,
  'GET /api/cases/{id}/': 750,
  'GET /api/contacts/?limit=10': 600,
};

async function measureVolume(factor) {
  const db = await throwawayDatabase('crm_bench_volume');
  const counter = await startSqlCounter(db.url);
  const servers = [];
  try {
    const env = quietApiEnv(counter.url, API_PORT);
    servers.push(await startServer('node', ['dist/src/main.js'], env, API_PORT));
    const base = `http://127.0.0.1:${API_PORT}`;
    const post = (path, body, headers = {}) =>
      fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then((r) => r.json());
    await post('/api/auth/register/', { email: 'bench@example.com', password: 'benchmark password' });
    const { access_token: token } = await post('/api/auth/login/', { email: 'bench@example.com', password: 'benchmark password' });
    const auth = { authorization: `Bearer ${token}` };
    const { id: orgId } = await post('/api/org/', { name: 'Bench' }, auth);
    const headers = { ...auth, 'organization-id': orgId };
    const { id: userId } = await fetch(`${base}/api/profile/`, { headers }).then((r) => r.json());

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const seedStarted = Date.now();
    const rows = await seedVolume(client, { orgId, userId, factor });
    await client.query('SELECT fold_record_totals()');
    await client.query('VACUUM ANALYZE');
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    // The newest record with every kind of link, so a detail costs the same statements at both volumes.
    const newest = async (table, owner, linkTables) =>
      (
        await client.query(
          `SELECT id FROM ${table} r WHERE ${linkTables.map((link) => `EXISTS (SELECT 1 FROM ${link} l WHERE l.${owner} = r.id)`).join(' AND ')}
           ORDER BY created_on DESC LIMIT 1`,
        )
      ).rows[0].id;
    const ids = {
      account: await newest('accounts', 'account_id', ['account_assignees', 'account_contacts']),
      lead: await newest('leads', 'lead_id', ['lead_assignees', 'lead_contacts']),
      case: await newest('cases', 'case_id', ['case_assignees']),
    };
    await client.end();
    const bareServer = await startServer('node', ['bench/bare-server.mjs'], { DATABASE_URL: db.url, PORT: String(BARE_PORT), BENCH_ORG_ID: orgId }, BARE_PORT);
    servers.push(bareServer);
    const loaded = await startServer('node', ['dist/src/main.js'], { ...env, DATABASE_URL: db.url, PORT: String(LOAD_PORT) }, LOAD_PORT);
    servers.push(loaded);

    const routes = [
      ['GET /api/accounts/?limit=10', '/api/accounts/?limit=10'],
      ['GET /api/leads/?limit=10', '/api/leads/?limit=10'],
      ['GET /api/accounts/{id}/', `/api/accounts/${ids.account}/`],
      ['GET /api/leads/{id}/', `/api/leads/${ids.lead}/`],
      ['GET /api/cases/?limit=10', '/api/cases/?limit=10'],
      ['GET /api/cases/?name=email issue&status=In Progress', `/api/cases/?name=${encodeURIComponent('email issue')}&status=${encodeURIComponent('In Progress')}&limit=10`],
      ['GET /api/cases/{id}/', `/api/cases/${ids.case}/`],
      ['GET /api/contacts/?limit=10', '/api/contacts/?limit=10'],
    ];
    const results = [];
    for (const [name, path] of routes) {
      const measured = await measureRoute({
        path,
        headers,
        counted: COUNTED,
        countingBase: base,
        counter,
        api: { server: loaded, port: LOAD_PORT },
        bare: { server: bareServer, port: BARE_PORT },
        warmup: WARMUP,
        duration: DURATION,
      });
      const { statements, api, bare } = measured;
      results.push({ route: name, ...measured, target: TARGETS[name] });
      process.stderr.write(`${factor} ${name}: ${api.requests_per_second} req/s (bare ${bare.requests_per_second}), ${statements} SQL\n`);
    }
    return { factor, rows, seed_seconds: seedSeconds, results };
  } finally {
    for (const server of servers.reverse()) await server.stop().catch(() => undefined);
    await counter.close();
    await db.drop();
  }
}

const volumes = [];
for (const factor of FACTORS) volumes.push(await measureVolume(factor));
const result = { date: new Date().toISOString(), machine: { cpus: cpus().length, node: process.version }, load: { connections: 10, seconds: DURATION, warmup_seconds: WARMUP }, volumes };

const cpu = (run) => (run.cpu_ms_per_request ? `${run.cpu_ms_per_request.server} + ${run.cpu_ms_per_request.postgres}` : '—');
const table = (volume) => `### ${volume.factor === 1 ? 'Reference volume' : `${volume.factor} of the reference volume`}: ${Object.entries(volume.rows).map(([kind, n]) => `${n} ${kind}`).join(', ')}

| route | req/s | p50 ms | p99 ms | target req/s | bare req/s | bare p50 ms | API / bare | CPU ms/request, API + PostgreSQL | bare + PostgreSQL | SQL/request | response bytes |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${volume.results
  .map((r) => `| ${r.route} | ${r.api.requests_per_second} | ${r.api.latency_p50_ms} | ${r.api.latency_p99_ms} | ${r.target} | ${r.bare.requests_per_second} | ${r.bare.latency_p50_ms} | ${r.ratio} | ${cpu(r.api)} | ${cpu(r.bare)} | ${r.statements} | ${r.bytes} |`)
  .join('\n')}
`;
const markdown = `# Volume benchmark

${result.date}, ${result.machine.cpus} cores shared by the API, PostgreSQL and the load generator, Node ${result.machine.node}.
autocannon, 10 connections, ${DURATION} s per route and server after ${WARMUP} s of warm-up load. "bare" is bench/bare-server.mjs: Fastify + pg
running the best SQL for the same data. SQL/request is counted by a proxy in front of PostgreSQL over
${COUNTED} sequential requests after a warm-up (session and membership lookups are cached, so they do not appear),
on an API instance of its own: the one under load connects straight to PostgreSQL, as the bare handler does.
CPU ms/request is the server process's and all PostgreSQL processes' CPU time during the measured run
(/proc), divided by the requests answered: steadier than req/s on a machine whose speed drifts.

${volumes.map(table).join('\n')}`;
await writeResult('volume', result, markdown);
process.stdout.write(markdown);
