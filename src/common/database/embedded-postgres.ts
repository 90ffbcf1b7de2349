import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgresOptions {
  /** A directory, or `memory://` for a database that lives only as long as the process. */
  dataDir: string;
  maxConnections?: number;
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served on a loopback port so the app talks to it
 * through the same `pg` driver and SQL as to a real server. For first runs and tests only.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
  ) {}

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    if (!options.dataDir.startsWith('memory://')) await mkdir(options.dataDir, { recursive: true });
    const db = await PGlite.create({
      dataDir: options.dataDir,
      extensions: { pgcrypto, pg_trgm },
    });
    // The pool opens several connections; the server's default of one resets the others.
    const server = new PGLiteSocketServer({
      db,
      host: '127.0.0.1',
      port: 0,
      maxConnections: options.maxConnections ?? 32,
    });
    await server.start();
    const address = server.getServerConn();
    return new EmbeddedPostgres(db, server, `postgres://postgres:postgres@${address}/postgres`);
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}
