import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

/** The advisory lock key every instance takes to migrate (`hashtext('crm-api:migrations')` would do; a constant needs no query). */
const MIGRATION_LOCK = 7_345_112_901;

/**
 * Applies pending migrations on a connection of its own (no statement time limit), then closes it.
 * Under a session advisory lock: two instances starting together on pending migrations would both
 * apply them (one failed on a duplicate type); the second now waits, then finds nothing to do.
 */
export async function runMigrations(url: string): Promise<void> {
  // One connection, so the lock and the migrations share a session.
  const migrator = new DataSource({ ...dataSourceOptions(url, 1), entities: [] });
  await migrator.initialize();
  try {
    await migrator.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrator.runMigrations();
    } finally {
      await migrator.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await migrator.destroy();
  }
}
