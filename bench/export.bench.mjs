// npm run bench:export — streams GET /api/leads/export/ of 100,000 and 1,000,000 leads (CSV) from a
// real server process and records rows per second and the server's peak memory, to show an export
// holds one batch in memory whatever its size.
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import pg from 'pg';
import { benchOrganization, startServer, throwawayDatabase, writeResult } from './support.mjs';

const PORT = 3904;
const SIZES = (process.env.BENCH_EXPORT_ROWS ?? '100000,1000000').split(',').map(Number);

async function peakRssMb(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function measure(label, nodeOptions) {
  const db = await throwawayDatabase('crm_bench_export');
  let server;
  const runs = [];
  try {
    const env = { DATABASE_URL: db.url, LOG_LEVEL: 'warn', NODE_ENV: 'production', NODE_OPTIONS: nodeOptions, JWT_ACCESS_SECRET: 'b'.repeat(40), JWT_REFRESH_SECRET: 'c'.repeat(40), PORT: String(PORT) };
    server = await startServer('node', ['dist/src/main.js'], env, PORT);
    const base = `http://127.0.0.1:${PORT}`;
    const { token, orgId } = await benchOrganization(base);
    const idle = await peakRssMb(server.child.pid);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    let seeded = 0;
    for (const rows of SIZES) {
      // Seeded without triggers (history, kept totals): the export is measured, not the seeding.
      await client.query(`SET session_replication_role = replica`);
      await client.query(
        `INSERT INTO leads (org_id, first_name, last_name, email, phone, account_name, city)
         SELECT $1, 'First' || i, 'Last' || i, 'lead' || i || '@example.com', '+1 555 ' || (i % 10000), 'Company ' || (i % 997), 'City ' || (i % 50)
         FROM generate_series($2::int + 1, $3::int) i`,
        [orgId, seeded, rows],
      );
      await client.query(`SET session_replication_role = DEFAULT`);
      await client.query('ANALYZE leads');
      seeded = rows;
      const started = process.hrtime.bigint();
      const res = await fetch(`${base}/api/leads/export/?format=csv`, { headers: { authorization: `Bearer ${token}`, 'organization-id': orgId } });
      let lines = 0;
      let bytes = 0;
      for await (const chunk of res.body) {
        bytes += chunk.length;
        for (const byte of chunk) if (byte === 10) lines += 1;
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (res.status !== 200 || lines !== rows + 1) throw new Error(`export of ${rows}: ${res.status}, ${lines} lines`);
      runs.push({ rows, seconds: +seconds.toFixed(2), rows_per_second: Math.round(rows / seconds), mb: Math.round(bytes / 1e6), peak_rss_mb_after: await peakRssMb(server.child.pid) });
    }
    await client.end();
    return { label, node_options: nodeOptions, idle_peak_rss_mb: idle, runs };
  } finally {
    await server?.stop().catch(() => undefined);
    await db.drop();
  }
}

const configurations = [await measure('default', ''), await measure('heap capped at 96 MB', '--max-old-space-size=96')];
const result = { date: new Date().toISOString(), machine: { cpus: cpus().length, node: process.version }, configurations };
const table = (configuration) => `### ${configuration.label} (idle peak RSS ${configuration.idle_peak_rss_mb} MB)

| rows | seconds | rows/s | CSV MB | server peak RSS after (MB) | growth over idle (MB) |
| --- | --- | --- | --- | --- | --- |
${configuration.runs.map((run) => `| ${run.rows} | ${run.seconds} | ${run.rows_per_second} | ${run.mb} | ${run.peak_rss_mb_after} | ${run.peak_rss_mb_after - configuration.idle_peak_rss_mb} |`).join('\n')}
`;
const markdown = `# Export benchmark

${result.date}, ${result.machine.cpus} cores, Node ${result.machine.node}, PostgreSQL. \`GET /api/leads/export/?format=csv\`
of one organization's leads from a server process, read to the end by the client; peak RSS is the
server's high-water mark (VmHWM) after each export. The export reads a thousand leads per statement
by keyset and writes each batch to the response only when the client has taken the last one.

${configurations.map(table).join('\n')}`;
await writeResult('export', result, markdown);
process.stdout.write(markdown);
