// npm run bench:cases — 100,000 cases in one organization; list with filters and detail under
// concurrent load, against the API and against a bare Fastify + pg server running the same SQL.
import { cpus } from 'node:os';
import pg from 'pg';
import { load, startServer, throwawayDatabase, writeResult } from './support.mjs';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const API_PORT = 3901;
const BASELINE_PORT = 3902;

const db = await throwawayDatabase('crm_bench_cases');
const servers = [];
try {
  // The API migrates the empty database on start.
  const env = { DATABASE_URL: db.url, LOG_LEVEL: 'warn', NODE_ENV: 'production', JWT_ACCESS_SECRET: 'b'.repeat(40), JWT_REFRESH_SECRET: 'c'.repeat(40) };
  let api = await startServer('node', ['dist/src/main.js'], { ...env, PORT: String(API_PORT) }, API_PORT);
  servers.push(api);
  const base = `http://127.0.0.1:${API_PORT}`;
  const post = (path, body, headers = {}) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then((r) => r.json());
  await post('/api/auth/register/', { email: 'bench@example.com', password: 'benchmark password' });
  const { access_token: token } = await post('/api/auth/login/', { email: 'bench@example.com', password: 'benchmark password' });
  const auth = { authorization: `Bearer ${token}` };
  const { id: orgId } = await post('/api/org/', { name: 'Bench' }, auth);
  const { id: userId } = await fetch(`${base}/api/profile/`, { headers: { ...auth, 'organization-id': orgId } }).then((r) => r.json());

  const seedStarted = Date.now();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(
    `INSERT INTO cases (org_id, created_by, name, status, priority, case_type, created_on)
     SELECT $1, $2,
       (ARRAY['Login', 'Billing', 'Email', 'Export', 'Sync', 'Invoice', 'Password', 'Timeout'])[1 + i % 8]
         || ' issue ' || md5(i::text),
       (ARRAY['New', 'In Progress', 'On Hold', 'Closed'])[1 + (i / 7) % 4]::case_status,
       (ARRAY['Low', 'Normal', 'High', 'Critical'])[1 + (i / 3) % 4]::case_priority,
       (ARRAY['Technical', 'Billing', 'General', 'Bug Report', 'Feature Request'])[1 + i % 5]::case_type,
       now() - (i || ' seconds')::interval
     FROM generate_series(1, $3::int) AS i`,
    [orgId, userId, CASES],
  );
  await client.query(`INSERT INTO case_assignees (case_id, user_id) SELECT id, $1 FROM cases WHERE random() < 0.3`, [userId]);
  await client.query('ANALYZE');
  const [{ id: caseId }] = (await client.query('SELECT id FROM cases ORDER BY created_on DESC LIMIT 1')).rows;
  await client.end();
  const seedSeconds = (Date.now() - seedStarted) / 1000;

  const headers = { ...auth, 'organization-id': orgId };
  const listPath = `/api/cases/?name=${encodeURIComponent('email issue')}&status=${encodeURIComponent('In Progress')}&limit=10`;
  const detailPath = `/api/cases/${caseId}/`;
  const baseline = await startServer('node', ['bench/cases-baseline-server.mjs'], { DATABASE_URL: db.url, PORT: String(BASELINE_PORT), BENCH_ORG_ID: orgId }, BASELINE_PORT);
  servers.push(baseline);

  const run = async (path) => {
    const apiResult = await load(`${base}${path}`, headers, { duration: DURATION });
    const bareResult = await load(`http://127.0.0.1:${BASELINE_PORT}${path}`, {}, { duration: DURATION });
    return { api: apiResult, fastify_pg: bareResult, throughput_ratio: +(apiResult.requests_per_second / bareResult.requests_per_second).toFixed(2) };
  };
  const list = await run(listPath);
  const detail = await run(detailPath);

  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    cases: CASES,
    seed_seconds: seedSeconds,
    load: { connections: 10, seconds: DURATION },
    list: { path: listPath, ...list },
    detail: { path: '/api/cases/{id}/', ...detail },
  };
  const row = (name, r) =>
    `| ${name} | ${r.api.requests_per_second} | ${r.api.latency_p50_ms} | ${r.api.latency_p99_ms} | ${r.fastify_pg.requests_per_second} | ${r.fastify_pg.latency_p50_ms} | ${r.fastify_pg.latency_p99_ms} | ${r.throughput_ratio} |`;
  const markdown = `# Cases benchmark

${result.date}, ${result.machine.cpus} cores, Node ${result.machine.node}, PostgreSQL; ${CASES} cases in one
organization; autocannon, 10 connections, ${DURATION} s per run. "fastify+pg" runs the same SQL with no framework.

| route | API req/s | API p50 ms | API p99 ms | fastify+pg req/s | p50 ms | p99 ms | API / bare |
| --- | --- | --- | --- | --- | --- | --- | --- |
${row(`GET ${listPath}`, list)}
${row('GET /api/cases/{id}/', detail)}
`;
  await writeResult('cases', result, markdown);
  process.stdout.write(markdown);
} finally {
  for (const server of servers.reverse()) await server.stop().catch(() => undefined);
  await db.drop();
}
