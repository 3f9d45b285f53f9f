import pg from 'pg';
import type { SqlExecutor } from './sql-executor.js';

/** Opens one session on a PostgreSQL server (a Client, not a Pool: transactions and locks need one session). */
export async function openPostgresExecutor(databaseUrl: string): Promise<SqlExecutor> {
  const client = new pg.Client({ connectionString: databaseUrl });
  // An idle client whose server goes away emits 'error'; without a listener that would crash the process.
  client.on('error', () => {});
  await client.connect();
  return {
    kind: 'postgres',
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, [...params]);
      return result.rows as Row[];
    },
    async exec(script: string) {
      await client.query(script);
    },
    async close() {
      await client.end();
    },
  };
}
