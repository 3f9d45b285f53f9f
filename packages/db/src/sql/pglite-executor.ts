import type { PGlite } from '@electric-sql/pglite';
import type { SqlExecutor } from './sql-executor.js';

/** Wraps an open PGlite; `close()` shuts it down when `ownsDatabase` (the default). */
export function pgliteExecutor(database: PGlite, ownsDatabase = true): SqlExecutor {
  return {
    kind: 'pglite',
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await database.query<Row>(sql, [...params]);
      return result.rows;
    },
    async exec(script: string) {
      await database.exec(script);
    },
    async close() {
      if (ownsDatabase && !database.closed) await database.close();
    },
  };
}
