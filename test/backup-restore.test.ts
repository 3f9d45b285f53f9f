// The backup of docs/operations.md "Backup and restore", for real: pg_dump in custom format (what the
// compose `backup` service runs) of a database holding fills, allocations and trade records, then
// pg_restore into a fresh database, which has the same rows in every table and passes `ledger verify`.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnvironment, runCli } from '../apps/cli/test/support/run-cli.js';
import { createTestDatabase, type TestDatabase } from './support/databases.js';

const run = promisify(execFile);
const fixture = new URL('../apps/cli/test/fixtures/fills-2023-2024.csv', import.meta.url).pathname;
const databases: TestDatabase[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'hookline-backup-'));

afterAll(async () => {
  for (const database of databases) await database.drop();
  rmSync(scratch, { recursive: true, force: true });
});

/** Rows of every table of the public schema, by table name. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${name}"`);
      counts[name] = Number(result.rows[0]?.n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

describe('backup and restore of the database', () => {
  it('when a database with fills is dumped and restored into a fresh one then every table has the same rows and the ledger verifies', async () => {
    const source = await createTestDatabase('backup');
    const target = await createTestDatabase('restore');
    databases.push(source, target);
    const environment = cleanEnvironment({ DATABASE_URL: source.url });
    expect((await runCli(['db', 'migrate'], environment)).code).toBe(0);
    const imported = await runCli(['ledger', 'import', fixture], environment);
    expect(imported.code).toBe(0);

    const dump = join(scratch, 'hookline.dump');
    await run('pg_dump', ['--format=custom', `--file=${dump}`, source.url]);
    expect(statSync(dump).size).toBeGreaterThan(0);
    await run('pg_restore', [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      `--dbname=${target.url}`,
      dump,
    ]);

    const before = await rowCounts(source.url);
    const after = await rowCounts(target.url);
    expect(before.fills).toBeGreaterThan(0);
    expect(before.fifo_allocations).toBeGreaterThan(0);
    expect(before.trade_records).toBeGreaterThan(0);
    expect(before._prisma_migrations).toBeGreaterThan(0);
    expect(after).toEqual(before);

    const verified = await runCli(['ledger', 'verify'], cleanEnvironment({ DATABASE_URL: target.url }));
    expect(verified.output).toContain('no broken invariant');
    expect(verified.code).toBe(0);
    // Nothing left to migrate: the restored database is at the same schema.
    const migrated = await runCli(['db', 'migrate'], cleanEnvironment({ DATABASE_URL: target.url }));
    expect(migrated.output).toContain('already up to date');
  }, 60_000);
});
