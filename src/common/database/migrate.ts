import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

/** Applies pending migrations on a connection of its own (no statement time limit), then closes it. */
export async function runMigrations(url: string): Promise<void> {
  const migrator = new DataSource({ ...dataSourceOptions(url, 1), entities: [] });
  await migrator.initialize();
  try {
    await migrator.runMigrations();
  } finally {
    await migrator.destroy();
  }
}
