// Plain JavaScript: started by global-setup.mjs as a process of its own, outside Jest's module registry.
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * Embedded databases for one Jest worker, served from a process that outlives the worker's test
 * files. A test file's own PGlite cost it ~2.5 s of CPU: evaluating PGlite, compiling its 9 MB of
 * WebAssembly, and running queries on code that had not been optimized yet; restoring a 44 MB
 * clone of the template cost ~1 s more. Here PGlite starts once per worker from the run's migrated
 * dump, and a database a file is done with is reset to that template for the next file: its
 * session state discarded (open transaction, settings, advisory locks, prepared statements,
 * temporary tables, listeners) and every table emptied but the migrations'. The next file sees
 * exactly what a fresh clone holds.
 *
 *   POST /fresh               an empty database (to migrate into and dump): {id, url}
 *   POST /dump?id=&path=      write that database's dump to path, then stop it
 *   POST /databases?dump=     a database restored from the dump at that path: {id, url}
 *   DELETE /databases?id=     done with it: reset it for the next file
 *
 * With --empty-spare it starts an empty database at once, for POST /fresh. It exits when the
 * process that started it does (stdin closes).
 */
const instances = new Map();
const dumps = new Map();
/** Databases reset to a dump's template, ready for the next file, per dump path. */
const spares = new Map();
/** The first worker to need the template makes it from an empty database: started at once, since initdb takes seconds. */
let emptySpare = process.argv.includes('--empty-spare') ? null : undefined;
let nextId = 1;

async function start(loadDataDir) {
  const db = await PGlite.create({ dataDir: 'memory://', loadDataDir, extensions: { pgcrypto, pg_trgm } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 32 });
  await server.start();
  const id = String(nextId++);
  const instance = { id, db, server, url: `postgres://postgres:postgres@${server.getServerConn()}/postgres` };
  instances.set(id, instance);
  return instance;
}

async function stop(id) {
  const instance = instances.get(id);
  if (!instance) return;
  instances.delete(id);
  await instance.server.stop();
  await instance.db.close();
}

async function restored(path) {
  if (!dumps.has(path)) dumps.set(path, new Blob([await readFile(path)]));
  const ready = spares.get(path) ?? [];
  const instance = ready.pop() ?? (await start(dumps.get(path)));
  instance.dump = path;
  return instance;
}

/** Back to the template: what the migrations wrote stays, everything a file wrote goes. */
async function reset(instance) {
  await instance.db.exec('ROLLBACK').catch(() => undefined);
  await instance.db.exec('DISCARD ALL');
  const { rows } = await instance.db.query(`SELECT format('%I', tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`);
  if (rows.length) await instance.db.exec(`TRUNCATE ${rows.map(({ name }) => name).join(', ')} RESTART IDENTITY CASCADE`);
}

async function release(id) {
  const instance = instances.get(id);
  if (!instance) return;
  if (!instance.dump) return stop(id);
  try {
    await reset(instance);
    spares.set(instance.dump, [...(spares.get(instance.dump) ?? []), instance]);
  } catch {
    await stop(id);
  }
}

const routes = {
  'POST /fresh': async () => {
    const spare = emptySpare;
    emptySpare = undefined;
    return spare ? await spare : start(undefined);
  },
  'POST /dump': async (query) => {
    const instance = instances.get(query.get('id'));
    await writeFile(query.get('path'), Buffer.from(await (await instance.db.dumpDataDir('none')).arrayBuffer()));
    await stop(instance.id);
    return {};
  },
  'POST /databases': async (query) => restored(query.get('dump')),
  'DELETE /databases': async (query) => {
    await release(query.get('id'));
    return {};
  },
};

const http = createServer(async (request, response) => {
  const url = new URL(request.url, 'http://farm');
  const route = routes[`${request.method} ${url.pathname}`];
  try {
    if (!route) throw new Error(`no route ${request.method} ${url.pathname}`);
    const { id, url: databaseUrl } = await route(url.searchParams);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id, url: databaseUrl }));
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error?.stack ?? error));
  }
});
http.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: http.address().port })}\n`);
  if (emptySpare === null) emptySpare = start(undefined);
});
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
