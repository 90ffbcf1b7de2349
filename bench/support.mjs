// Shared pieces of the benchmarks: a throwaway database, child servers, autocannon runs.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import autocannon from 'autocannon';
import pg from 'pg';

export const RESULTS_DIR = new URL('./results/', import.meta.url);

/** A fresh database on DATABASE_URL's server (real PostgreSQL: benchmarks of PGlite mean little). */
export async function throwawayDatabase(prefix) {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('Set DATABASE_URL to a PostgreSQL server (the benchmark creates and drops its own database)');
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Signs up a member on the server at `base` and makes them an organization: its token and id. */
export async function benchOrganization(base) {
  const post = (path, body, headers = {}) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then((r) => r.json());
  await post('/api/auth/register/', { email: 'bench@example.com', password: 'benchmark password' });
  const { access_token: token } = await post('/api/auth/login/', { email: 'bench@example.com', password: 'benchmark password' });
  const { id: orgId } = await post('/api/org/', { name: 'Bench' }, { authorization: `Bearer ${token}` });
  return { token, orgId };
}

/** Starts a server process and waits until GET `readyPath` answers. */
export async function startServer(command, args, env, port, readyPath = '/health') {
  // The load comes from one member: budgets would turn it into 429s (their cost is still counted).
  const budgets = { MEMBER_RATE_PER_MINUTE: '1000000000', API_KEY_RATE_PER_MINUTE: '1000000000' };
  const child = spawn(command, args, { env: { ...process.env, ...budgets, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}${readyPath}`);
      if (res.status < 500) return { child, stop: async () => { child.kill('SIGTERM'); await once(child, 'exit'); } };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

/** Runs autocannon against one URL (or, with `paths`, each request to the next path of the list); bounded in time, loopback only. */
export async function load(url, headers, { connections = 10, duration = 10, paths } = {}) {
  let next = 0;
  const requests = paths && [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }];
  const result = await autocannon({ url, headers, connections, duration, ...(requests && { requests }) });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return {
    requests_per_second: Math.round(result.requests.average),
    latency_p50_ms: result.latency.p50,
    latency_p99_ms: result.latency.p99,
    requests: result.requests.total,
  };
}

/**
 * CPU time in ms a process has used (user + system), from /proc; with `reaped`, also that of its
 * children that have ended; null where there is no /proc.
 */
function cpuMs(pid, reaped = false) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime, stime, cutime, cstime, in clock ticks (USER_HZ, 100 on Linux).
    const ticks = Number(fields[11]) + Number(fields[12]) + (reaped ? Number(fields[13]) + Number(fields[14]) : 0);
    return ticks * 10;
  } catch {
    return null;
  }
}

/**
 * CPU time of every live process whose name starts with `name` (postgres, redis-server), plus the
 * ended ones they have reaped (PostgreSQL's backends whose pool connection closed, parallel
 * workers), which the postmaster counts in its children's time.
 */
function processesCpuMs(name) {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith(name)) total += cpuMs(pid, true) ?? 0;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** CPU used so far by the server process (all its threads), PostgreSQL and Redis; null off Linux. */
function cpuNow(pid) {
  const server = cpuMs(pid);
  return server === null ? null : { server, postgres: processesCpuMs('postgres'), redis: processesCpuMs('redis-server') };
}

/** What each of `units` cost since `before`, in ms of each part's CPU. */
function cpuSince(pid, before, units) {
  const now = cpuNow(pid);
  const per = (part) => +((now[part] - before[part]) / units).toFixed(2);
  return { server: per('server'), postgres: per('postgres'), redis: per('redis') };
}

/**
 * Runs `work` and answers what each of its `units` cost in CPU: the server process's, PostgreSQL's
 * and Redis's, which share the machine's cores. Null off Linux.
 */
export async function cpuPerUnit(pid, units, work) {
  const before = cpuNow(pid);
  const result = await work();
  return { result, cpu_ms: before ? cpuSince(pid, before, units) : null };
}

/**
 * Runs `work` (a load run) and answers what it cost in CPU per request: the server process's and
 * PostgreSQL's, which share the machine's cores. Steadier than requests per second on a machine
 * whose speed drifts, and it says where the time goes. Null off Linux.
 */
export async function withCpuPerRequest(pid, work) {
  const before = cpuNow(pid);
  const result = await work();
  if (!before) return { ...result, cpu_ms_per_request: null };
  const { server, postgres } = cpuSince(pid, before, result.requests);
  return { ...result, cpu_ms_per_request: { server, postgres } };
}

export async function writeResult(name, result, markdown) {
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(new URL(`${name}.json`, RESULTS_DIR), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(new URL(`${name}.md`, RESULTS_DIR), markdown);
}

/**
 * One route measured as every volume bench does: its body size and exact SQL statements per
 * request (COUNTED sequential requests through the counting proxy's API), then load against the
 * API instance connected straight to PostgreSQL and, when there is one, the bare handler.
 */
export async function measureRoute({ path, headers, counted, countingBase, counter, api, bare, warmup, duration }) {
  const first = await fetch(`${countingBase}${path}`, { headers });
  if (!first.ok) throw new Error(`${path}: ${first.status} ${await first.text()}`);
  const bytes = (await first.arrayBuffer()).byteLength;
  const before = counter.counter.statements;
  for (let i = 0; i < counted; i += 1) await (await fetch(`${countingBase}${path}`, { headers })).arrayBuffer();
  const statements = (counter.counter.statements - before) / counted;
  const measure = async ({ server, port }, requestHeaders) => {
    const url = `http://127.0.0.1:${port}${path}`;
    if (warmup > 0) await load(url, requestHeaders, { duration: warmup });
    return withCpuPerRequest(server.child.pid, () => load(url, requestHeaders, { duration }));
  };
  const apiRun = await measure(api, headers);
  const bareRun = bare ? await measure(bare, {}) : null;
  return { statements, bytes, api: apiRun, bare: bareRun, ratio: bareRun ? +(apiRun.requests_per_second / bareRun.requests_per_second).toFixed(2) : null };
}

/**
 * The environment of an API server under a volume benchmark: production mode, and background
 * polling slowed out of the way, since it would blur the statement counts (nothing is queued or
 * written during a run; the seed's kept totals are folded once by the bench).
 */
export const quietApiEnv = (databaseUrl, port) => ({
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  JWT_ACCESS_SECRET: 'b'.repeat(40),
  JWT_REFRESH_SECRET: 'c'.repeat(40),
  JOBS_POLL_MS: '600000',
  INVOICE_OVERDUE_SWEEP_MS: '86400000',
  RECORD_TOTALS_FOLD_MS: '86400000',
  WEBHOOK_POLL_MS: '60000',
  PORT: String(port),
});
