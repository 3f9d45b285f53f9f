import type { SqlExecutor } from '../sql/sql-executor.js';
import { MigrationError } from './migration-error.js';

/**
 * Prisma's own DDL for its history table (prisma-engines, PostgreSQL flavour), verbatim, so that
 * `prisma migrate deploy` on a connected machine reads our history as its own.
 */
export const prismaMigrationsTableDdl = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
`;

/** One row of `_prisma_migrations`. */
export interface MigrationRecord {
  readonly id: string;
  readonly checksum: string;
  readonly finished_at: Date | null;
  readonly migration_name: string;
  readonly logs: string | null;
  readonly rolled_back_at: Date | null;
  readonly started_at: Date;
  readonly applied_steps_count: number;
}

/**
 * Creates `_prisma_migrations` on first use. Like Prisma, refuses a database that already has tables
 * but no migration history: applying the first migration there would fail or mix two schemas.
 */
export async function ensureMigrationsTable(executor: SqlExecutor): Promise<void> {
  const tables = await executor.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()`,
  );
  if (tables.some((table) => table.relname === '_prisma_migrations')) return;
  if (tables.length > 0) {
    const names = tables.map((table) => table.relname).sort();
    throw new MigrationError(
      'DATABASE_NOT_EMPTY',
      `The database has tables (${names.join(', ')}) but no _prisma_migrations history; ` +
        'baseline it (prisma migrate resolve --applied <name>) or use an empty database',
    );
  }
  await executor.exec(prismaMigrationsTableDdl);
}

/** Every recorded migration attempt, oldest first (Prisma's order). */
export async function listMigrationRecords(executor: SqlExecutor): Promise<MigrationRecord[]> {
  const rows = await executor.query<MigrationRecord>(
    `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count
     FROM _prisma_migrations ORDER BY started_at ASC, migration_name ASC`,
  );
  return rows.map((row) => ({ ...row, applied_steps_count: Number(row.applied_steps_count) }));
}

/** Prisma's `record_migration_started`: a row with started_at and no finished_at. */
export async function recordMigrationStarted(
  executor: SqlExecutor,
  migration: { id: string; name: string; checksum: string },
): Promise<void> {
  await executor.query(
    `INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name)
     VALUES ($1, $2, clock_timestamp(), $3)`,
    [migration.id, migration.checksum, migration.name],
  );
}

/** Prisma's `record_successful_step` then `record_migration_finished`. */
export async function recordMigrationFinished(executor: SqlExecutor, id: string): Promise<void> {
  await executor.query(
    `UPDATE _prisma_migrations
     SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp()
     WHERE id = $1`,
    [id],
  );
}

/**
 * Records a failed attempt whose transaction was rolled back: logs say why, finished_at stays NULL and
 * rolled_back_at is set. Prisma leaves a failed attempt unresolved (P3009) until an operator runs
 * `prisma migrate resolve --rolled-back`, because its script may have half-applied; ours ran in one
 * transaction that was rolled back, so we record it already resolved, which Prisma reads the same way
 * (a rolled-back attempt is ignored and the migration is applied again next time).
 */
export async function recordMigrationRolledBack(
  executor: SqlExecutor,
  migration: { id: string; name: string; checksum: string; logs: string },
): Promise<void> {
  await executor.query(
    `INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name, logs, rolled_back_at)
     VALUES ($1, $2, clock_timestamp(), $3, $4, clock_timestamp())`,
    [migration.id, migration.checksum, migration.name, migration.logs],
  );
}
