import { describe, expect, it } from 'vitest';
import { MigrationError, migrateDatabase } from '../src/index.js';
import { engines, withExecutor } from './support/engines.js';
import { migrationsFolder, writeMigration } from './support/migration-folders.js';

const good = 'CREATE TABLE good_table (id INTEGER PRIMARY KEY);\n';
// The first statement succeeds, the second fails: the rollback must take the first one back too.
const broken = [
  '-- CreateTable',
  'CREATE TABLE partial_table (id INTEGER PRIMARY KEY);',
  '',
  '-- Fails: no such table',
  'INSERT INTO missing_table (id) VALUES (1);',
  '',
].join('\n');

async function rejection(promise: Promise<unknown>): Promise<MigrationError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof MigrationError)) throw new Error(`expected a MigrationError, got ${String(error)}`);
  return error;
}

async function tableExists(location: Parameters<typeof withExecutor>[0], name: string): Promise<boolean> {
  return withExecutor(location, async (db) => {
    const [row] = await db.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [name]);
    return row?.found === true;
  });
}

describe.each(engines)('a failing migration on $kind', (engine) => {
  it('when a migration fails then it is rolled back, named with its statement, and not recorded as finished', async () => {
    const location = await engine.emptyDatabase();
    const migrationsDir = await migrationsFolder({ '001_good': good, '002_broken': broken });

    const error = await rejection(migrateDatabase({ ...location, migrationsDir }));

    expect(error.code).toBe('MIGRATION_FAILED');
    expect(error.migrationName).toBe('002_broken');
    expect(error.message).toContain('002_broken');
    expect(error.message).toContain('statement 2 of 2 (line 5): INSERT INTO missing_table');
    expect(error.message).toContain('missing_table');
    expect(await tableExists(location, 'good_table')).toBe(true);
    expect(await tableExists(location, 'partial_table')).toBe(false);
    const history = await withExecutor(location, (db) =>
      db.query<{
        migration_name: string;
        finished_at: Date | null;
        rolled_back_at: Date | null;
        logs: string | null;
      }>(
        'SELECT migration_name, finished_at, rolled_back_at, logs FROM _prisma_migrations ORDER BY migration_name',
      ),
    );
    expect(history.map((row) => [row.migration_name, row.finished_at !== null])).toEqual([
      ['001_good', true],
      ['002_broken', false],
    ]);
    expect(history[1]?.rolled_back_at).toBeInstanceOf(Date);
    expect(history[1]?.logs).toContain('missing_table');
  }, 60_000);

  it('when the failed migration is fixed then the next run applies it', async () => {
    const location = await engine.emptyDatabase();
    const migrationsDir = await migrationsFolder({ '001_good': good, '002_broken': broken });
    await rejection(migrateDatabase({ ...location, migrationsDir }));
    await writeMigration(
      migrationsDir,
      '002_broken',
      'CREATE TABLE partial_table (id INTEGER PRIMARY KEY);\n',
    );

    const result = await migrateDatabase({ ...location, migrationsDir });

    expect(result).toEqual({ applied: ['002_broken'], alreadyApplied: ['001_good'] });
    expect(await tableExists(location, 'partial_table')).toBe(true);
  }, 60_000);

  it('when an applied migration file is modified then the run refuses and names it', async () => {
    const location = await engine.emptyDatabase();
    const migrationsDir = await migrationsFolder({ '001_good': good });
    await migrateDatabase({ ...location, migrationsDir });
    await writeMigration(migrationsDir, '001_good', `${good}CREATE INDEX good_idx ON good_table (id);\n`);
    await writeMigration(migrationsDir, '002_next', 'CREATE TABLE next_table (id INTEGER);\n');

    const error = await rejection(migrateDatabase({ ...location, migrationsDir }));

    expect(error.code).toBe('MIGRATION_MODIFIED');
    expect(error.migrationName).toBe('001_good');
    expect(error.message).toContain('Migration 001_good was modified after it was applied');
    expect(await tableExists(location, 'next_table')).toBe(false);
  }, 60_000);
});

describe('migration history written by Prisma itself', () => {
  it('when an attempt failed without being rolled back then the run refuses until it is resolved', async () => {
    const [server] = engines;
    const location = await server?.emptyDatabase();
    if (!location) throw new Error('no server engine');
    const migrationsDir = await migrationsFolder({ '001_good': good });
    await migrateDatabase({ ...location, migrationsDir });
    // What `prisma migrate deploy` leaves after a failure: no finished_at, no rolled_back_at.
    await withExecutor(location, (db) =>
      db.query(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs)
         VALUES ('00000000-0000-4000-8000-000000000000', 'x', '002_half', 'boom')`,
      ),
    );

    const error = await rejection(migrateDatabase({ ...location, migrationsDir }));

    expect(error.code).toBe('MIGRATION_UNRESOLVED');
    expect(error.message).toContain('002_half');
  }, 60_000);

  it('when the database has tables but no migration history then the run refuses to touch it', async () => {
    const [server] = engines;
    const location = await server?.emptyDatabase();
    if (!location) throw new Error('no server engine');
    await withExecutor(location, (db) => db.exec('CREATE TABLE someone_elses (id INTEGER)'));

    const error = await rejection(migrateDatabase(location));

    expect(error.code).toBe('DATABASE_NOT_EMPTY');
    expect(error.message).toContain('someone_elses');
  }, 60_000);
});
