import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMigrationsDir } from '@hookline/db';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/databases.js';
import { cleanEnvironment, runCli } from './support/run-cli.js';

const migrationCount = readdirSync(defaultMigrationsDir, { withFileTypes: true }).filter((entry) =>
  entry.isDirectory(),
).length;

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

describe('pnpm hookline db migrate', () => {
  it('when run twice on an empty Postgres then the first creates every table and the second changes nothing', async () => {
    const database = await createTestDatabase('cli');
    const environment = cleanEnvironment({ DATABASE_URL: database.url });
    const first = await runCli(['db', 'migrate'], environment);
    expect(first.code).toBe(0);
    expect(first.output).toMatch(/applied \d{14}_init/);
    const second = await runCli(['db', 'migrate'], environment);
    expect(second.code).toBe(0);
    expect(second.output).toContain('already up to date');

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const tables = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    );
    const history = await client.query<{ count: string }>('select count(*) from _prisma_migrations');
    const views = await client.query<{ table_name: string }>(
      "select table_name from information_schema.views where table_schema = 'public' order by 1",
    );
    await client.end();
    await database.drop();
    expect(tables.rows.map((row) => row.table_name)).toEqual(['_prisma_migrations', ...architectureTables]);
    expect(Number(history.rows[0]?.count)).toBe(migrationCount);
    expect(views.rows.map((row) => row.table_name)).toEqual(['open_lots', 'realized_gains_by_year']);
  }, 60_000);

  it('when run twice on an empty embedded database then the second run is a no-op', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hookline-cli-'));
    try {
      const first = await runCli(['db', 'migrate'], cleanEnvironment({ DATA_DIR: dataDir }));
      expect(first.code).toBe(0);
      expect(first.output).toContain(`${migrationCount} migration(s) applied`);
      const second = await runCli(['db', 'migrate'], cleanEnvironment({ DATA_DIR: dataDir }));
      expect(second.output).toContain(`already up to date (${migrationCount} migrations applied earlier)`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});

describe('pnpm hookline db drift', () => {
  it('when the migrations match the schema then it reports no drift and exits 0', async () => {
    const result = await runCli(['db', 'drift'], cleanEnvironment({}));
    expect(result.output).toContain('no drift');
    expect(result.code).toBe(0);
  }, 90_000);
});
