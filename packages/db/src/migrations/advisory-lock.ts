import { setTimeout as sleep } from 'node:timers/promises';
import type { SqlExecutor } from '../sql/sql-executor.js';
import { MigrationError } from './migration-error.js';

/** Prisma Migrate's advisory lock key: our runners and `prisma migrate deploy` exclude one another. */
export const migrationLockKey = 72707369;

const pollIntervalMs = 100;

/**
 * Runs `work` holding the session advisory lock, so concurrent runners (several replicas starting at
 * once) apply each migration once. Polls pg_try_advisory_lock rather than blocking in
 * pg_advisory_lock so that a stuck holder produces a clear error instead of a hang.
 */
export async function withMigrationLock<T>(
  executor: SqlExecutor,
  work: () => Promise<T>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await executor.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      migrationLockKey,
    ]);
    if (row?.locked) break;
    if (Date.now() >= deadline) {
      throw new MigrationError(
        'LOCK_TIMEOUT',
        `Another migration runner has held advisory lock ${migrationLockKey} for over ${timeoutMs} ms`,
      );
    }
    await sleep(pollIntervalMs);
  }
  try {
    return await work();
  } finally {
    await executor.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]);
  }
}
