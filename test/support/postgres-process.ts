import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './server-process.js';

const bindir = (() => {
  const found = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
})();
const asRoot = process.getuid?.() === 0;
/** The OS user that owns the cluster: PostgreSQL refuses to run as root. */
const owner = asRoot ? spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }) : null;

/** Whether this machine can start a PostgreSQL cluster of its own (tests that need one skip otherwise). */
export const canRunPostgres = bindir !== null && (!asRoot || owner?.status === 0);

/**
 * A throwaway PostgreSQL cluster on its own loopback port (initdb + pg_ctl), that a test stops,
 * kills and starts again at will; never the machine's shared server.
 */
export class PostgresProcess {
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<PostgresProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'crm-pg-'));
    if (asRoot) {
      const uid = Number(owner!.stdout.trim());
      chownSync(dir, uid, uid);
      chmodSync(dir, 0o700);
    }
    const cluster = new PostgresProcess(await freePort(), dir);
    cluster.run('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    await cluster.up();
    return cluster;
  }

  /** A server URL for `database` (created on first use). */
  async database(name: string): Promise<string> {
    const admin = new pg.Client({ connectionString: this.url('postgres') });
    await admin.connect();
    try {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!found.rowCount) await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    return this.url(name);
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the server and waits until it accepts connections. */
  async up(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-o', options, '-l', join(this.dir, 'log'), '-w', '-t', '30', 'start']);
  }

  /** Stops the server: `immediate` is a crash (no checkpoint, every connection cut). */
  async down(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', mode, '-w', 'stop']);
  }

  async remove(): Promise<void> {
    try {
      await this.down('immediate');
    } catch {
      // Already stopped.
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private run(command: string, args: string[]): void {
    const binary = join(bindir!, command);
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', binary, ...args], { stdio: 'ignore' });
    else execFileSync(binary, args, { stdio: 'ignore' });
  }
}
