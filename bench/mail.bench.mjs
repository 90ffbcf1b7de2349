// npm run bench:mail — queues 5,000 mails through POST /api/accounts/{id}/create_mail/ and measures
// how fast they reach a local SMTP sink (queue + worker + SMTP), with Redis when REDIS_URL is set.
import { cpus } from 'node:os';
import { SMTPServer } from 'smtp-server';
import { cpuPerUnit, startServer, throwawayDatabase, writeResult } from './support.mjs';

const MAILS = Number(process.env.BENCH_MAILS ?? 5000);
const CONCURRENCY = 20;
const PORT = 3904;

let received = 0;
const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      received += 1;
      callback();
    });
  },
});
await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
const smtpPort = sink.server.address().port;

const db = await throwawayDatabase('crm_bench_mail');
let server;
try {
  server = await startServer(
    'node',
    ['dist/src/main.js'],
    {
      DATABASE_URL: db.url,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      QUEUE_PREFIX: `crm-bench-${Date.now()}`,
      // The organization's mail limits are a product rule, not what is measured here.
      MAIL_PER_ORG_PER_MINUTE: '1000000',
      MAIL_PER_ORG_PER_DAY: '1000000',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: 'b'.repeat(40),
      JWT_REFRESH_SECRET: 'c'.repeat(40),
      PORT: String(PORT),
    },
    PORT,
  );
  const base = `http://127.0.0.1:${PORT}`;
  const post = (path, body, headers = {}) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));
  await post('/api/auth/register/', { email: 'bench@example.com', password: 'benchmark password' });
  const { body: login } = await post('/api/auth/login/', { email: 'bench@example.com', password: 'benchmark password' });
  const auth = { authorization: `Bearer ${login.access_token}` };
  const { body: org } = await post('/api/org/', { name: 'Bench' }, auth);
  const headers = { ...auth, 'organization-id': org.id };
  const { body: account } = await post('/api/accounts/', { name: 'Mail bench' }, headers);

  const started = Date.now();
  let next = 0;
  let queuedSeconds = 0;
  const worker = async () => {
    while (next < MAILS) {
      const n = next++;
      const res = await post(
        `/api/accounts/${account.id}/create_mail/`,
        { recipients: [`client${n}@example.com`], subject: `Message ${n}`, html: `<p>Hello ${n}</p>` },
        headers,
      );
      if (res.status !== 201) throw new Error(`create_mail ${n}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  };
  // What one mail costs the machine from its request to its delivery (the bench's own clients and
  // SMTP sink aside): the most this machine's cores could deliver is their time over that.
  const { cpu_ms: cpuPerMail } = await cpuPerUnit(server.child.pid, MAILS, async () => {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    queuedSeconds = (Date.now() - started) / 1000;
    const deadline = Date.now() + 600_000;
    while (received < MAILS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  });
  const totalSeconds = (Date.now() - started) / 1000;
  if (received < MAILS) throw new Error(`only ${received} of ${MAILS} mails arrived`);
  const cpuMs = cpuPerMail ? +(cpuPerMail.server + cpuPerMail.postgres + cpuPerMail.redis).toFixed(2) : null;

  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    queue: process.env.REDIS_URL ? 'Bull on Redis' : 'in-process',
    mails: MAILS,
    queue_seconds: queuedSeconds,
    queued_per_second: Math.round(MAILS / queuedSeconds),
    delivered_seconds: totalSeconds,
    delivered_per_second: Math.round(MAILS / totalSeconds),
    cpu_ms_per_mail: cpuPerMail,
    ceiling_per_second: cpuMs ? Math.round((cpus().length * 1000) / cpuMs) : null,
  };
  const markdown = `# Mail benchmark

${result.date}, ${result.machine.cpus} cores, Node ${result.machine.node}, PostgreSQL, queue: ${result.queue}.
${MAILS} mails, one recipient each, posted by ${CONCURRENCY} concurrent clients to create_mail; a local SMTP
server (smtp-server) receives them.

| mails | queued in (s) | queued/s | all delivered after (s) | delivered/s | CPU ms per mail: server + PostgreSQL + Redis | ceiling: cores / CPU per mail |
| --- | --- | --- | --- | --- | --- | --- |
| ${MAILS} | ${queuedSeconds} | ${result.queued_per_second} | ${totalSeconds} | ${result.delivered_per_second} | ${cpuPerMail ? `${cpuPerMail.server} + ${cpuPerMail.postgres} + ${cpuPerMail.redis}` : '—'} | ${result.ceiling_per_second ?? '—'}/s |
`;
  await writeResult('mail', result, markdown);
  process.stdout.write(markdown);
} finally {
  await server?.stop().catch(() => undefined);
  await db.drop();
  sink.close();
}
