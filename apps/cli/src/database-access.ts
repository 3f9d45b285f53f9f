import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Database, migrateDatabase, openDatabase } from '@hookline/db';
import type { Config } from '@hookline/schemas';
import { type Store, storeOf } from '@hookline/store';

/**
 * Opens the configured database: the server at DATABASE_URL, or the embedded PGlite in DATA_DIR,
 * migrated first when HOOKLINE_AUTO_MIGRATE (one process owns it, so nothing can race the migration).
 * A server is migrated only by `db migrate` (in production, the one-shot migrate service).
 */
export async function openConfiguredDatabase(
  config: Config,
  onMigrated?: (applied: readonly string[]) => void,
): Promise<Database> {
  const dataDir = resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  if (!config.DATABASE_URL && config.HOOKLINE_AUTO_MIGRATE) {
    const result = await migrateDatabase({ dataDir });
    onMigrated?.(result.applied);
  }
  return await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir });
}

/** Runs `work` with the store over the configured database and always closes the database. */
export async function withStore<T>(config: Config, work: (store: Store) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(config);
  try {
    return await work(storeOf(database, { usdCurrencies: config.HOOKLINE_LEDGER_USD_CURRENCIES }));
  } finally {
    await database.close();
  }
}
