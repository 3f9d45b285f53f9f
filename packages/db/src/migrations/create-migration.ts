import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultMigrationsDir, defaultSchemaPath } from '../paths.js';
import { diffMigrationsToSchema } from '../schema-engine.js';
import { MigrationError } from './migration-error.js';
import { migrationLockFileContent, migrationLockFileName, readMigrations } from './migration-files.js';

/** Gives the current time; the domain's Clock satisfies it. */
export interface MigrationClock {
  now(): Date;
}

/** What to name the migration, and where the schema and migrations are (defaults: the repository's). */
export interface CreateMigrationOptions {
  /** A short description, e.g. `add fill liquidity`; it becomes the folder name's suffix. */
  readonly name: string;
  readonly schemaPath?: string | undefined;
  readonly migrationsDir?: string | undefined;
  /** Supplies the folder's timestamp; defaults to the system clock. */
  readonly clock?: MigrationClock | undefined;
}

/** The migration written: its folder name, folder path and SQL. */
export interface CreatedMigration {
  readonly name: string;
  readonly directory: string;
  readonly sql: string;
}

const systemClock: MigrationClock = { now: () => new Date() };

/**
 * Writes `<migrationsDir>/<YYYYMMDDHHMMSS>_<name>/migration.sql` with the SQL that takes a database
 * built by the existing migrations to the current schema.prisma. "The schema as of the last
 * migration" is what the migrations build, replayed into an in-memory shadow database: no snapshot
 * file to keep in step, and a hand-edited migration is accounted for. Refuses when nothing changed.
 */
export async function createMigration(options: CreateMigrationOptions): Promise<CreatedMigration> {
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir;
  const schema = await readFile(options.schemaPath ?? defaultSchemaPath, 'utf8');
  const slug = migrationSlug(options.name);
  await mkdir(migrationsDir, { recursive: true });
  const migrations = await readMigrations(migrationsDir);
  const diff = await diffMigrationsToSchema(migrationsDir, migrations, schema);
  if (!diff.changed) {
    throw new MigrationError(
      'NO_SCHEMA_CHANGE',
      `No change: the ${migrations.length} migrations in ${migrationsDir} already build what schema.prisma describes`,
    );
  }
  const name = `${migrationTimestamp((options.clock ?? systemClock).now())}_${slug}`;
  const last = migrations.at(-1);
  if (last && name <= last.name) {
    throw new MigrationError(
      'INVALID_MIGRATION_NAME',
      `New migration ${name} would not sort after the last one, ${last.name}; check the clock`,
      name,
    );
  }
  const directory = join(migrationsDir, name);
  await mkdir(directory);
  await writeFile(join(directory, 'migration.sql'), diff.sql);
  await writeFile(join(migrationsDir, migrationLockFileName), migrationLockFileContent);
  return { name, directory, sql: diff.sql };
}

/** Prisma's folder timestamp: UTC `YYYYMMDDHHMMSS`. */
function migrationTimestamp(time: Date): string {
  return time.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** `Add fill liquidity!` → `add_fill_liquidity`, as Prisma names migration folders. */
function migrationSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
  if (!slug) {
    throw new MigrationError('INVALID_MIGRATION_NAME', `Migration name "${name}" has no letters or digits`);
  }
  return slug;
}
