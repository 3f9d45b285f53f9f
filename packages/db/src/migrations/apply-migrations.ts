import { randomUUID } from 'node:crypto';
import { splitSqlStatements } from '../sql/split-statements.js';
import { describeSqlError, type SqlExecutor } from '../sql/sql-executor.js';
import { withMigrationLock } from './advisory-lock.js';
import { MigrationError } from './migration-error.js';
import { type MigrationFile, scriptMatchesChecksum } from './migration-files.js';
import {
  ensureMigrationsTable,
  listMigrationRecords,
  type MigrationRecord,
  recordMigrationFinished,
  recordMigrationRolledBack,
  recordMigrationStarted,
} from './migrations-table.js';

/** What a migration run did: migrations applied now, and those found applied before. */
export interface MigrationRunResult {
  readonly applied: string[];
  readonly alreadyApplied: string[];
}

/**
 * Applies the pending migrations in name order, each in its own transaction, and records them in
 * `_prisma_migrations` as Prisma does. Refuses to start while an earlier attempt is unresolved or an
 * applied migration's file has changed since. Holding the advisory lock makes concurrent runs safe.
 */
export function applyMigrations(
  executor: SqlExecutor,
  migrations: readonly MigrationFile[],
): Promise<MigrationRunResult> {
  return withMigrationLock(executor, async () => {
    await ensureMigrationsTable(executor);
    const records = await listMigrationRecords(executor);
    refuseUnresolvedFailures(records);
    const appliedByName = new Map(
      records.filter((record) => record.rolled_back_at === null).map((r) => [r.migration_name, r]),
    );
    refuseModifiedMigrations(migrations, appliedByName);
    const result: MigrationRunResult = { applied: [], alreadyApplied: [] };
    for (const migration of migrations) {
      if (appliedByName.has(migration.name)) {
        result.alreadyApplied.push(migration.name);
      } else {
        await applyMigration(executor, migration);
        result.applied.push(migration.name);
      }
    }
    return result;
  });
}

/** Prisma's P3009: an attempt that neither finished nor was rolled back may have half-applied. */
function refuseUnresolvedFailures(records: readonly MigrationRecord[]): void {
  const failed = records.filter((record) => record.finished_at === null && record.rolled_back_at === null);
  const [first] = failed;
  if (!first) return;
  const details = failed
    .map(
      (record) =>
        `${record.migration_name} (started ${record.started_at.toISOString()}): ${record.logs ?? ''}`,
    )
    .join('\n');
  throw new MigrationError(
    'MIGRATION_UNRESOLVED',
    `Found failed migrations that are not resolved; check the database, then run ` +
      `\`prisma migrate resolve --rolled-back <name>\` (or --applied):\n${details}`,
    first.migration_name,
  );
}

function refuseModifiedMigrations(
  migrations: readonly MigrationFile[],
  appliedByName: ReadonlyMap<string, MigrationRecord>,
): void {
  for (const migration of migrations) {
    const record = appliedByName.get(migration.name);
    if (record && !scriptMatchesChecksum(migration.sql, record.checksum)) {
      throw new MigrationError(
        'MIGRATION_MODIFIED',
        `Migration ${migration.name} was modified after it was applied (recorded checksum ${record.checksum}, ` +
          `file now ${migration.checksum}); restore it and put the change in a new migration`,
        migration.name,
      );
    }
  }
}

// Prisma writes explicit BEGIN/COMMIT around some steps (recreating an enum). The whole migration
// already runs in our transaction, and a COMMIT inside it would end that transaction early.
const transactionControl = /^(BEGIN|START\s+TRANSACTION|COMMIT|END)(\s+(WORK|TRANSACTION))?$/i;

async function applyMigration(executor: SqlExecutor, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  const statements = splitSqlStatements(migration.sql).filter((s) => !transactionControl.test(s.text));
  let failedAt = '';
  await executor.exec('BEGIN');
  try {
    await recordMigrationStarted(executor, { id, name: migration.name, checksum: migration.checksum });
    for (const [index, statement] of statements.entries()) {
      failedAt = `statement ${index + 1} of ${statements.length} (line ${statement.line}): ${preview(statement.text)}`;
      await executor.exec(statement.text);
    }
    failedAt = 'recording it in _prisma_migrations';
    await recordMigrationFinished(executor, id);
    await executor.exec('COMMIT');
  } catch (error) {
    const logs = `${failedAt}\n${describeSqlError(error)}`;
    await rollBackAndRecord(executor, { id, name: migration.name, checksum: migration.checksum, logs });
    throw new MigrationError(
      'MIGRATION_FAILED',
      `Migration ${migration.name} failed and was rolled back (none of it was applied): ${logs}`,
      migration.name,
      { cause: error },
    );
  }
}

async function rollBackAndRecord(
  executor: SqlExecutor,
  attempt: { id: string; name: string; checksum: string; logs: string },
): Promise<void> {
  try {
    await executor.exec('ROLLBACK');
    await recordMigrationRolledBack(executor, attempt);
  } catch {
    // The session is gone (the server went away): the transaction is rolled back by the server and the
    // original error, thrown by the caller, is the one worth reporting.
  }
}

function preview(statement: string): string {
  const oneLine = statement.replace(/\s+/g, ' ');
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine;
}
