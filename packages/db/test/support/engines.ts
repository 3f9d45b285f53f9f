import { afterEach } from 'vitest';
import { createTestDatabase } from '../../../../test/support/databases.js';
import { type DatabaseLocation, openSqlExecutor } from '../../src/sql/open-executor.js';
import type { SqlExecutor } from '../../src/sql/sql-executor.js';
import { tempDir } from './temp-dir.js';

/** One of the two database engines Hookline runs on, as a fresh empty database per call. */
export interface EngineUnderTest {
  readonly kind: 'postgres' | 'pglite';
  /** A new empty database's location (a server database, or a PGlite data directory). */
  emptyDatabase(): Promise<DatabaseLocation>;
}

const drops: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const drop of drops.splice(0)) await drop();
});

/** Both engines, for table-driven tests: the run's PostgreSQL server and embedded PGlite. */
export const engines: readonly EngineUnderTest[] = [
  {
    kind: 'postgres',
    emptyDatabase: async () => {
      const database = await createTestDatabase('db');
      drops.push(database.drop);
      return { databaseUrl: database.url, dataDir: await tempDir() };
    },
  },
  {
    kind: 'pglite',
    emptyDatabase: async () => ({ dataDir: await tempDir() }),
  },
];

/** Runs `work` on a SQL session to the database, then closes it. */
export async function withExecutor<T>(
  location: DatabaseLocation,
  work: (db: SqlExecutor) => Promise<T>,
): Promise<T> {
  const executor = await openSqlExecutor(location);
  try {
    return await work(executor);
  } finally {
    await executor.close();
  }
}
