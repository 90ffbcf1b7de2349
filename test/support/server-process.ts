import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withFileLock } from './file-lock.js';
import type { TestDatabase } from './test-database.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const MAIN = join(ROOT, 'dist/src/main.js');

/** Builds dist/ when a source changed since the last build (as `npm start` does; CI has just built it), under a lock shared by test workers. */
async function ensureBuilt(): Promise<void> {
  await withFileLock(join(tmpdir(), 'crm-test-build.lock'), async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-if-stale.mjs')], { cwd: ROOT, stdio: 'ignore' });
  });
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  uploadDir: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  stop(): Promise<void>;
}

/**
 * The built server (node dist/src/main.js) as a real process on a loopback port, against the
 * test's database: for what only a real process shows (aborted uploads, deep JSON on the event
 * loop, header limits, Redis going away).
 */
export async function startServer(database: TestDatabase, env: Record<string, string> = {}): Promise<ServerProcess> {
  await ensureBuilt();
  const port = await freePort();
  const uploadDir = await mkdtemp(join(tmpdir(), 'crm-process-uploads-'));
  const { DATABASE_URL: _db, REDIS_URL: _redis, SMTP_URL: _smtp, ...inherited } = process.env;
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...inherited,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: String(database.poolSize),
      // A one-connection database (the embedded farm) cannot give background work connections of its own.
      DATABASE_BACKGROUND_POOL_SIZE: database.poolSize === 1 ? '0' : '2',
      DATABASE_PREPARED_STATEMENTS: String(database.prepareStatements),
      // One embedded connection serves concurrent requests in turn, as the app's own embedded engine does.
      ...(database.poolSize === 1 ? { DATABASE_ACQUIRE_TIMEOUT_MS: '30000' } : {}),
      UPLOAD_DIR: uploadDir,
      QUEUE_PREFIX: `crm-test-${randomUUID()}`,
      AUTH_RATE_PER_IP: '100000',
      LOGIN_RATE_PER_ACCOUNT: '100000',
      API_KEY_RATE_PER_MINUTE: '100000',
      MEMBER_RATE_PER_MINUTE: '100000',
      PASSWORD_HASH_MEMORY_KIB: '64',
      PASSWORD_HASH_PASSES: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!alive()) throw new Error(`The server exited while starting:\n${output}`);
    const up = await fetch(`${url}/health`).then((res) => res.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not answer /health within 60 s:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    url,
    child,
    uploadDir,
    output: () => output,
    alive,
    stop: async () => {
      if (alive()) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
      await rm(uploadDir, { recursive: true, force: true });
    },
  };
}
