import { defaultMigrationsDir } from '../paths.js';
import { type DatabaseLocation, openSqlExecutor } from '../sql/open-executor.js';
import { applyMigrations, type MigrationRunResult } from './apply-migrations.js';
import { readMigrations } from './migration-files.js';

/** Where to migrate, and from which migrations folder (default: the repository's prisma/migrations). */
export interface MigrateDatabaseOptions extends DatabaseLocation {
  readonly migrationsDir?: string | undefined;
}

/**
 * Applies pending migrations to the server at `databaseUrl`, or to the embedded PGlite in
 * `${dataDir}/pglite` when there is no URL. Running it again applies nothing.
 */
export async function migrateDatabase(options: MigrateDatabaseOptions): Promise<MigrationRunResult> {
  const migrations = await readMigrations(options.migrationsDir ?? defaultMigrationsDir);
  const executor = await openSqlExecutor(options);
  try {
    return await applyMigrations(executor, migrations);
  } finally {
    await executor.close();
  }
}
