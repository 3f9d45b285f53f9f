import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { snapshotCatalog } from './catalog-snapshot.js';
import { applyMigrations } from './migrations/apply-migrations.js';
import { readMigrations } from './migrations/migration-files.js';
import { defaultMigrationsDir, defaultSchemaPath, defaultViewsDir } from './paths.js';
import { openMemoryPglite } from './pglite.js';
import { diffSchemas } from './schema-engine.js';
import { pgliteExecutor } from './sql/pglite-executor.js';
import type { SqlExecutor } from './sql/sql-executor.js';

/** What to compare: a schema (text or file) against a migrations folder, and where to build them. */
export interface DriftCheckOptions {
  /** Schema text; when absent, the file at `schemaPath` is read. */
  readonly schema?: string | undefined;
  readonly schemaPath?: string | undefined;
  readonly migrationsDir?: string | undefined;
  /**
   * SQL that schema.prisma cannot express (views, functions, triggers), applied after the schema: `prisma/views/*.sql` by
   * default. The migrations must create the same objects.
   */
  readonly viewsDir?: string | undefined;
  /**
   * Opens a fresh, empty database; called twice. Defaults to in-memory PGlite, which needs no server.
   * The executor's close() must also dispose of the database.
   */
  readonly openEmptyDatabase?: (() => Promise<SqlExecutor>) | undefined;
}

/**
 * Builds one database from the migrations and one straight from schema.prisma, and lists how their
 * catalogs differ, one readable line per difference (empty: no drift). A difference means a migration
 * is missing (schema changed, no migration written) or a migration was written by hand differently.
 */
export async function checkDrift(options: DriftCheckOptions = {}): Promise<string[]> {
  const schema = options.schema ?? (await readFile(options.schemaPath ?? defaultSchemaPath, 'utf8'));
  const migrations = await readMigrations(options.migrationsDir ?? defaultMigrationsDir);
  const openEmpty = options.openEmptyDatabase ?? openMemoryDatabase;
  const fromMigrations = await buildAndSnapshot(openEmpty, (db) => applyMigrations(db, migrations));
  const views = await readViews(options.viewsDir ?? defaultViewsDir);
  const fromSchema = await buildAndSnapshot(openEmpty, async (db) => {
    await db.exec(await diffSchemas(null, schema));
    for (const view of views) await db.exec(view);
  });
  return compareSnapshots(fromMigrations, fromSchema);
}

/** Differences between two catalog snapshots, as lines naming the side that has each object. */
export function compareSnapshots(fromMigrations: readonly string[], fromSchema: readonly string[]): string[] {
  const migrationSide = new Set(fromMigrations);
  const schemaSide = new Set(fromSchema);
  const onlyInMigrations = fromMigrations.filter((line) => !schemaSide.has(line));
  const onlyInSchema = fromSchema.filter((line) => !migrationSide.has(line));
  return [
    ...onlyInMigrations.map((line) => `only in the migrated database: ${line}`),
    ...onlyInSchema.map((line) => `only in schema.prisma: ${line}`),
  ];
}

/** The view definitions, in file-name order (a view may select from one defined before it). */
async function readViews(directory: string): Promise<string[]> {
  const names = await readdir(directory).catch(() => [] as string[]);
  const files = names.filter((name) => name.endsWith('.sql')).sort();
  return await Promise.all(files.map((name) => readFile(join(directory, name), 'utf8')));
}

async function openMemoryDatabase(): Promise<SqlExecutor> {
  return pgliteExecutor(await openMemoryPglite());
}

async function buildAndSnapshot(
  openEmpty: () => Promise<SqlExecutor>,
  build: (database: SqlExecutor) => Promise<unknown>,
): Promise<string[]> {
  const database = await openEmpty();
  try {
    await build(database);
    return await snapshotCatalog(database);
  } finally {
    await database.close();
  }
}
