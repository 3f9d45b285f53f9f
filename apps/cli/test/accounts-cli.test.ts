import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@hookline/db';
import { registerAccount, storeOf } from '@hookline/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { cleanEnvironment, runCli } from './support/run-cli.js';

const fixture = new URL('./fixtures/fills-2023-2024.csv', import.meta.url).pathname;

/** The JSON document in an output that also holds stderr lines. */
function jsonOf(output: string): {
  accounts: unknown;
  allocations: Array<{ account: string }>;
  totals: object;
} {
  return JSON.parse(output.slice(output.indexOf('{'), output.lastIndexOf('}') + 1));
}

describe('paper and live accounts kept apart by the CLI (real processes)', () => {
  let database: TestDatabase;
  let environment: NodeJS.ProcessEnv;
  let scratch: string;
  beforeAll(async () => {
    database = await createTestDatabase('accountscli');
    scratch = mkdtempSync(join(tmpdir(), 'hookline-accounts-'));
    environment = cleanEnvironment({ DATABASE_URL: database.url, DATA_DIR: scratch });
    expect((await runCli(['db', 'migrate'], environment)).code).toBe(0);
    // The paper account as a paper start records it; then the same fills under it and under live.
    const opened = await openDatabase({ databaseUrl: database.url, dataDir: scratch });
    await registerAccount(storeOf(opened), { name: 'paper', mode: 'paper', exchange: 'paper' });
    await opened.close();
    const paper = await runCli(['ledger', 'import', fixture, '--account', 'paper'], environment);
    expect(paper.output).toContain('accounts: paper (paper)');
    const live = await runCli(['ledger', 'import', fixture], environment);
    expect(live.output).toContain('accounts: live (live)');
  }, 120_000);
  afterAll(async () => {
    await database.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('when the tax report is asked without --account then only the live fills count and it says so', async () => {
    const result = await runCli(['tax', 'report', '--year', '2024'], environment);
    expect(result.code).toBe(0);
    expect(result.output).toContain('accounts: live (live)');
    const report = jsonOf(result.output);
    expect(report.accounts).toEqual([{ name: 'live', mode: 'live' }]);
    expect(report.allocations.map((allocation) => allocation.account)).toEqual(['live', 'live']);
    expect(report.totals).toMatchObject({ proceeds_usd: '40000', pnl_usd: '23944' });
  }, 60_000);

  it('when the tax report is asked with --account paper then the paper fills are reported', async () => {
    const result = await runCli(['tax', 'report', '--year', '2024', '--account', 'paper'], environment);
    expect(result.output).toContain('accounts: paper (paper)');
    const report = jsonOf(result.output);
    expect(report.accounts).toEqual([{ name: 'paper', mode: 'paper' }]);
    expect(report.allocations.map((allocation) => allocation.account)).toEqual(['paper', 'paper']);
  }, 60_000);

  it('when Form 8949 is written then the file holds only rows and the coverage goes to stderr', async () => {
    const output = join(scratch, 'f8949.csv');
    const result = await runCli(
      ['tax', 'report', '--year', '2024', '--format', '8949', '--output', output],
      environment,
    );
    expect(result.output).toContain('accounts: live (live)');
    const text = readFileSync(output, 'utf8');
    expect(text).not.toContain('accounts');
    expect(text.split('\n').filter((line) => line.startsWith('I short-term,C,live,0.5 BTC'))).toHaveLength(1);
  }, 60_000);

  it.each([
    [[], 'accounts: live (live)'],
    [['--account', 'paper'], 'accounts: paper (paper)'],
  ])(
    'when the ledger is verified with %j then it covers %j',
    async (flags, coverage) => {
      const result = await runCli(['ledger', 'verify', ...flags], environment);
      expect(result.code).toBe(0);
      expect(result.output).toContain(coverage);
      expect(result.output).toContain('ledger verified: no broken invariant');
    },
    60_000,
  );

  it('when a paper start names the live account then it is refused with the fix', async () => {
    const result = await runCli(['start'], { ...environment, MODE: 'paper', HOOKLINE_ACCOUNT: 'live' });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(
      "account 'live' is a live account; paper mode needs a paper account: set HOOKLINE_ACCOUNT to another name",
    );
  }, 60_000);
});
