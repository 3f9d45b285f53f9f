// One transaction on one raw pg connection (BEGIN … COMMIT, ROLLBACK on any error): the bulk path of
// recordFills (with COPY for its row streams). Every statement of an import runs on this connection, so nothing is half-imported.
import type { pgPoolOf } from '@hookline/db';
import { copyRowsOn } from './copy-rows.js';
import type { SqlRunner } from './sql-runner.js';

type Pool = NonNullable<ReturnType<typeof pgPoolOf>>;

/** Runs `work` in one transaction on a connection of `pool`; rolls back if it throws. */
export async function inPgTransaction<T>(
  pool: Pool,
  work: (run: SqlRunner) => Promise<T>,
  timeoutMs: number,
): Promise<T> {
  const client = await pool.connect();
  const query = async <R>(sql: string, params: readonly unknown[] = []) =>
    (await client.query(sql, params as unknown[])).rows as R[];
  const run: SqlRunner = Object.assign(query, { copy: copyRowsOn(client) });
  let failed: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
    const result = await work(run);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    failed = error instanceof Error ? error : new Error(String(error));
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    // A connection whose rollback may not have happened is discarded rather than reused.
    client.release(failed);
  }
}
