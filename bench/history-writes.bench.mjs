// npm run bench:history — what record history costs a bulk write, measured in PostgreSQL alone:
// one transaction inserting batches of 1,000 leads and their 2,000 tag links (the lead import's
// statements), timed per statement, with the history triggers and without them, and its commit
// (which numbers every entry's change-feed event). Times are per quarter of the transaction, to
// show whether a batch costs more as the transaction and the tables grow.
import { cpus } from 'node:os';
import pg from 'pg';
import { benchOrganization, startServer, throwawayDatabase, writeResult } from './support.mjs';

const PORT = 3905;
const BATCHES = Number(process.env.BENCH_HISTORY_BATCHES ?? 200);
const BATCH = 1000;
const TAGS_PER_LEAD = 2;

const INSERT_LEADS = `INSERT INTO leads (org_id, title, first_name, last_name, email, phone, status, source, account_name, website, description, city, country, industry)
  SELECT $1, 'Mr', 'First' || g, 'Last' || g, 'lead' || ($2::int + g) || '@example.com', '+1 555 ' || g, 'assigned', 'Cold Call',
    'Company ' || (g % 997), 'https://company.example', 'Imported lead number ' || g, 'City ' || (g % 50), 'FR', 'Retail'
  FROM generate_series(1, ${BATCH}) g
  RETURNING id`;
const INSERT_LINKS = `INSERT INTO lead_tags (lead_id, tag_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`;

const quarters = (times) => {
  const size = Math.ceil(times.length / 4);
  return [0, 1, 2, 3].map((quarter) => {
    const part = times.slice(quarter * size, (quarter + 1) * size);
    return +(part.reduce((sum, ms) => sum + ms, 0) / Math.max(part.length, 1)).toFixed(1);
  });
};

async function timed(work) {
  const started = process.hrtime.bigint();
  const result = await work();
  return [Number(process.hrtime.bigint() - started) / 1e6, result];
}

/** A migrated database with one organization and its tags; `history` false disables the history triggers of leads and their tags. */
async function measure(label, history) {
  const db = await throwawayDatabase('crm_bench_history');
  let server;
  let client;
  try {
    const env = { DATABASE_URL: db.url, LOG_LEVEL: 'warn', NODE_ENV: 'production', JWT_ACCESS_SECRET: 'b'.repeat(40), JWT_REFRESH_SECRET: 'c'.repeat(40), PORT: String(PORT) };
    // The server migrates the database and signs the organization up, then leaves PostgreSQL to the bench.
    server = await startServer('node', ['dist/src/main.js'], env, PORT);
    const { orgId } = await benchOrganization(`http://127.0.0.1:${PORT}`);
    await server.stop();
    server = undefined;
    // As the app's pools connect (src/common/database/data-source-options.ts).
    client = new pg.Client({ connectionString: db.url, options: '-c jit=off' });
    await client.connect();
    if (!history) {
      await client.query('ALTER TABLE leads DISABLE TRIGGER record_history_created');
      await client.query('ALTER TABLE lead_tags DISABLE TRIGGER record_history_added');
    }
    const tags = (await client.query(`INSERT INTO tags (org_id, name) SELECT $1, 'Tag ' || g FROM generate_series(1, 20) g RETURNING id`, [orgId])).rows.map((row) => row.id);
    const leads = [];
    const links = [];
    await client.query('BEGIN');
    for (let batch = 0; batch < BATCHES; batch += 1) {
      const [leadMs, { rows }] = await timed(() => client.query({ name: 'leads', text: INSERT_LEADS, values: [orgId, batch * BATCH] }));
      const owners = rows.flatMap((row) => Array(TAGS_PER_LEAD).fill(row.id));
      const targets = rows.flatMap((_row, index) => Array.from({ length: TAGS_PER_LEAD }, (_, k) => tags[(index + k) % tags.length]));
      const [linkMs] = await timed(() => client.query({ name: 'links', text: INSERT_LINKS, values: [owners, targets] }));
      leads.push(leadMs);
      links.push(linkMs);
    }
    const [commitMs] = await timed(() => client.query('COMMIT'));
    const entries = Number((await client.query('SELECT count(*) FROM record_history WHERE org_id = $1', [orgId])).rows[0].count);
    return { label, rows: BATCHES * BATCH, leads_ms_per_batch: quarters(leads), links_ms_per_batch: quarters(links), commit_ms: Math.round(commitMs), history_entries: entries };
  } finally {
    await client?.end().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await db.drop();
  }
}

const runs = [await measure('with history', true), await measure('without history triggers', false)];
const result = { date: new Date().toISOString(), machine: { cpus: cpus().length, node: process.version }, batches: BATCHES, batch_rows: BATCH, runs };
const markdown = `# History writes benchmark

${result.date}, ${result.machine.cpus} cores, Node ${result.machine.node}, PostgreSQL. One transaction inserts
${BATCHES} batches of ${BATCH} leads, each followed by its ${BATCH * TAGS_PER_LEAD} tag links (the lead import's
statements, without the server), then commits. Milliseconds per batch, averaged over each quarter
of the transaction; the commit numbers every history entry's change-feed event.

| run | rows | leads insert, ms per batch (quarters) | links insert, ms per batch (quarters) | commit ms | history entries |
| --- | --- | --- | --- | --- | --- |
${runs.map((run) => `| ${run.label} | ${run.rows} | ${run.leads_ms_per_batch.join(' / ')} | ${run.links_ms_per_batch.join(' / ')} | ${run.commit_ms} | ${run.history_entries} |`).join('\n')}
`;
await writeResult('history-writes', result, markdown);
process.stdout.write(markdown);
