// npm run bench:newer — the routes of issue 29 (dashboard, pipeline, invoices, invoice PDF,
// event windows, filtered opportunities and tasks) at 1/10, 1 and 10 times its volume (one
// organization with 10,000 opportunities, 10,000 tasks, 2,000 events and 5,000 invoices with
// lines and payments at 1x): throughput and latency under load against the API and, where one is
// written, a bare Fastify + pg handler (bench/bare-newer-server.mjs), with SQL statements per
// request counted exactly by a proxy in front of PostgreSQL.
import { cpus } from 'node:os';
import pg from 'pg';
import { seedNewer } from './seed-newer.mjs';
import { startSqlCounter } from './sql-counter.mjs';
import { benchOrganization, load, measureRoute, quietApiEnv, startServer, throwawayDatabase, withCpuPerRequest, writeResult } from './support.mjs';

const FACTORS = (process.env.BENCH_VOLUMES ?? '0.1,1,10').split(',').map(Number);
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
/** Only the routes whose name contains this (BENCH_ROUTES=pdf: none of the table, the PDF runs alone). */
const ROUTES = process.env.BENCH_ROUTES ?? '';
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const COUNTED = 20;
const [API_PORT, BARE_PORT, LOAD_PORT] = [3914, 3915, 3916];

async function measureVolume(factor) {
  const db = await throwawayDatabase('crm_bench_newer');
  const counter = await startSqlCounter(db.url);
  const servers = [];
  try {
    const env = { ...quietApiEnv(counter.url, API_PORT), PDF_RENDERS_PER_ORG_PER_MINUTE: '1000000000' };
    servers.push(await startServer('node', ['dist/src/main.js'], env, API_PORT));
    const base = `http://127.0.0.1:${API_PORT}`;
    const { token, orgId } = await benchOrganization(base);
    const headers = { authorization: `Bearer ${token}`, 'organization-id': orgId };
    const { id: userId } = await fetch(`${base}/api/profile/`, { headers }).then((r) => r.json());

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const seedStarted = Date.now();
    const rows = await seedNewer(client, { orgId, userId, factor });
    await client.query('SELECT fold_record_totals()');
    await client.query('VACUUM ANALYZE');
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    const [{ id: invoiceId }] = (await client.query(`SELECT id FROM invoices WHERE org_id = $1 AND status = 'Draft' ORDER BY created_on DESC LIMIT 1`, [orgId])).rows;
    const [{ id: accountId }] = (await client.query(`SELECT account_id AS id FROM invoices WHERE id = $1`, [invoiceId])).rows;
    await client.end();

    const bareServer = await startServer('node', ['bench/bare-newer-server.mjs'], { DATABASE_URL: db.url, PORT: String(BARE_PORT), BENCH_ORG_ID: orgId, BENCH_USER_ID: userId }, BARE_PORT);
    servers.push(bareServer);
    const loaded = await startServer('node', ['dist/src/main.js'], { ...env, DATABASE_URL: db.url, PORT: String(LOAD_PORT) }, LOAD_PORT);
    servers.push(loaded);

    const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const window = `from=${day(-15)}T00:00:00Z&to=${day(15)}T00:00:00Z`;
    const routes = [
      ['GET /api/dashboard/', '/api/dashboard/', true],
      ['GET /api/opportunities/pipeline/', '/api/opportunities/pipeline/', true],
      ['GET /api/invoices/?limit=10', '/api/invoices/?limit=10', true],
      ['GET /api/invoices/{id}/', `/api/invoices/${invoiceId}/`, true],
      ['GET /api/invoices/{id}/pdf/ (5 lines)', `/api/invoices/${invoiceId}/pdf/`, false],
      ['GET /api/events/?from=&to= (30 days)', `/api/events/?${window}`, true],
      ['GET /api/opportunities/?stage=NEGOTIATION/REVIEW', `/api/opportunities/?stage=${encodeURIComponent('NEGOTIATION/REVIEW')}&limit=10`, true],
      ['GET /api/tasks/?overdue=true', '/api/tasks/?overdue=true&limit=10', true],
      ['GET /api/accounts/{id}/ (opportunities, invoices)', `/api/accounts/${accountId}/`, false],
    ];
    const results = [];
    for (const [name, path, hasBare] of routes.filter(([name]) => name.includes(ROUTES))) {
      const measured = await measureRoute({
        path,
        headers,
        counted: COUNTED,
        countingBase: base,
        counter,
        api: { server: loaded, port: LOAD_PORT },
        bare: hasBare ? { server: bareServer, port: BARE_PORT } : null,
        warmup: WARMUP,
        duration: DURATION,
      });
      results.push({ route: name, ...measured });
      process.stderr.write(`${factor} ${name}: ${measured.api.requests_per_second} req/s (bare ${measured.bare?.requests_per_second ?? '-'}), ${measured.statements} SQL\n`);
    }
    const pdfs = factor === 1 ? await pdfsUnderLoad(loaded, headers, orgId, db.url) : undefined;
    return { factor, rows, seed_seconds: seedSeconds, results, pdfs };
  } finally {
    for (const server of servers.reverse()) await server.stop().catch(() => undefined);
    await counter.close();
    await db.drop();
  }
}

/**
 * Fresh PDFs: each request a different invoice, more of them than the PDF cache holds, so
 * every answer is drawn; then another tenant-facing route's latency alone and while 10 more
 * connections download fresh PDFs (drawing runs in worker threads, off the event loop).
 */
async function pdfsUnderLoad(server, headers, orgId, url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`SELECT id FROM invoices WHERE org_id = $1 ORDER BY id`, [orgId]);
  await client.end();
  const base = `http://127.0.0.1:${LOAD_PORT}`;
  const pdfPaths = rows.map(({ id }) => `/api/invoices/${id}/pdf/`);
  const fresh = await withCpuPerRequest(server.child.pid, () => load(base, headers, { duration: DURATION, paths: pdfPaths }));
  const other = `${base}/api/tasks/?overdue=true&limit=10`;
  const alone = await load(other, headers, { duration: DURATION });
  const [beside] = await Promise.all([load(other, headers, { duration: DURATION }), load(base, headers, { duration: DURATION, paths: pdfPaths.reverse() })]);
  process.stderr.write(`fresh PDFs: ${fresh.requests_per_second}/s; tasks p99 ${alone.latency_p99_ms} ms alone, ${beside.latency_p99_ms} ms beside PDFs\n`);
  return { invoices: pdfPaths.length, fresh, other: { route: 'GET /api/tasks/?overdue=true', alone, beside_pdfs: beside } };
}

const volumes = [];
for (const factor of FACTORS) volumes.push(await measureVolume(factor));
const result = { date: new Date().toISOString(), machine: { cpus: cpus().length, node: process.version }, load: { connections: 10, seconds: DURATION, warmup_seconds: WARMUP }, volumes };

const cpu = (run) => (run?.cpu_ms_per_request ? `${run.cpu_ms_per_request.server} + ${run.cpu_ms_per_request.postgres}` : '—');
const table = (volume) => `### ${volume.factor === 1 ? 'Issue 29 volume' : `${volume.factor} × issue 29 volume`}: ${Object.entries(volume.rows).map(([kind, n]) => `${n} ${kind}`).join(', ')}

| route | req/s | p50 ms | p99 ms | bare req/s | API / bare | CPU ms/request, API + PostgreSQL | bare + PostgreSQL | SQL/request | response bytes |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${volume.results
  .map((r) => `| ${r.route} | ${r.api.requests_per_second} | ${r.api.latency_p50_ms} | ${r.api.latency_p99_ms} | ${r.bare?.requests_per_second ?? '—'} | ${r.ratio ?? '—'} | ${cpu(r.api)} | ${cpu(r.bare)} | ${r.statements} | ${r.bytes} |`)
  .join('\n')}
`;
const markdown = `# Newer routes benchmark

${result.date}, ${result.machine.cpus} cores shared by the API, PostgreSQL and the load generator, Node ${result.machine.node}.
autocannon, 10 connections, ${DURATION} s per route and server after ${WARMUP} s of warm-up load. "bare" is bench/bare-newer-server.mjs
(Fastify + pg, the best SQL for the same data); "—" where no bare handler is written yet. SQL/request is counted by a proxy
in front of PostgreSQL over ${COUNTED} sequential requests; CPU ms/request is the server's and PostgreSQL's CPU time during
the measured run divided by the requests answered.

${volumes.map(table).join('\n')}
${volumes
  .filter((volume) => volume.pdfs)
  .map(({ pdfs: { invoices, fresh, other } }) => `### Fresh PDFs, and another route beside them (issue 29 volume)

Each request a different one of ${invoices} invoices (5 lines each), more than the PDF cache holds: every PDF is drawn.

| run | req/s | p50 ms | p99 ms | CPU ms/request, API + PostgreSQL |
| --- | --- | --- | --- | --- |
| GET /api/invoices/{id}/pdf/, fresh | ${fresh.requests_per_second} | ${fresh.latency_p50_ms} | ${fresh.latency_p99_ms} | ${cpu(fresh)} |
| ${other.route}, alone | ${other.alone.requests_per_second} | ${other.alone.latency_p50_ms} | ${other.alone.latency_p99_ms} | — |
| ${other.route}, beside 10 connections of fresh PDFs | ${other.beside_pdfs.requests_per_second} | ${other.beside_pdfs.latency_p50_ms} | ${other.beside_pdfs.latency_p99_ms} | — |
`)
  .join('\n')}`;
await writeResult('newer-routes', result, markdown);
process.stdout.write(markdown);
