import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotCatalog } from '../src/catalog-snapshot.js';
import { defaultMigrationsDir, migrateDatabase } from '../src/index.js';
import { migrationChecksum, readMigrations } from '../src/migrations/migration-files.js';
import { engines, withExecutor } from './support/engines.js';

const architectureTables = [
  'accounts',
  'alerts',
  'decisions',
  'exits',
  'fifo_allocations',
  'fills',
  'ledger_sync_cursors',
  'ledger_versions',
  'position_state',
  'sentinel_memory',
  'signal_matrix',
  'trade_records',
  'transfers',
];

const historyQuery = `SELECT id, checksum, migration_name, logs, started_at, finished_at, rolled_back_at, applied_steps_count
  FROM _prisma_migrations ORDER BY migration_name`;

describe.each(engines)('migrateDatabase on $kind', (engine) => {
  it('when the database is empty then every architecture table is created and each migration recorded as Prisma does', async () => {
    const location = await engine.emptyDatabase();
    const migrations = await readMigrations(defaultMigrationsDir);

    const result = await migrateDatabase(location);

    expect(result).toEqual({ applied: migrations.map((m) => m.name), alreadyApplied: [] });
    await withExecutor(location, async (db) => {
      const tables = await db.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
      );
      expect(tables.map((t) => t.table_name)).toEqual(['_prisma_migrations', ...architectureTables]);
      const history = await db.query<Record<string, unknown>>(historyQuery);
      for (const [index, migration] of migrations.entries()) {
        const sql = await readFile(join(defaultMigrationsDir, migration.name, 'migration.sql'), 'utf8');
        expect(history[index]).toMatchObject({
          migration_name: migration.name,
          checksum: migrationChecksum(sql),
          logs: null,
          rolled_back_at: null,
          applied_steps_count: 1,
        });
        expect(history[index]?.finished_at).toBeInstanceOf(Date);
        expect(String(history[index]?.id)).toMatch(/^[0-9a-f-]{36}$/);
      }
    });
  }, 60_000);

  it('when run a second time then nothing is applied and the catalog and history are unchanged', async () => {
    const location = await engine.emptyDatabase();
    const first = await migrateDatabase(location);
    const before = await withExecutor(location, async (db) => ({
      catalog: await snapshotCatalog(db),
      history: await db.query(historyQuery),
    }));

    const second = await migrateDatabase(location);

    expect(second).toEqual({ applied: [], alreadyApplied: first.applied });
    const after = await withExecutor(location, async (db) => ({
      catalog: await snapshotCatalog(db),
      history: await db.query(historyQuery),
    }));
    expect(after).toEqual(before);
  }, 60_000);
});

describe('migrateDatabase on a server with several runners', () => {
  it('when runners start at once then each migration is applied exactly once', async () => {
    const [server] = engines;
    const location = await server?.emptyDatabase();
    if (!location) throw new Error('no server engine');

    const results = await Promise.all([1, 2, 3].map(() => migrateDatabase(location)));

    const migrations = await readMigrations(defaultMigrationsDir);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(migrations.map((m) => m.name));
    const rows = await withExecutor(location, (db) =>
      db.query('SELECT migration_name FROM _prisma_migrations'),
    );
    expect(rows).toHaveLength(migrations.length);
  }, 60_000);
});
