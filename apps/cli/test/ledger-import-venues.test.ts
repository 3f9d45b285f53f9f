import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { cleanEnvironment, runCli } from './support/run-cli.js';

const venues = new URL('../../../packages/ledger-store/test/fixtures/venues/', import.meta.url).pathname;

describe('ledger import of venue exports (format detected from the header)', () => {
  let database: TestDatabase;
  let environment: NodeJS.ProcessEnv;
  let scratch: string;
  beforeAll(async () => {
    database = await createTestDatabase('ledgervenues');
    environment = cleanEnvironment({ DATABASE_URL: database.url });
    expect((await runCli(['db', 'migrate'], environment)).code).toBe(0);
    scratch = mkdtempSync(join(tmpdir(), 'hookline-venues-'));
  }, 60_000);
  afterAll(async () => {
    await database.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('when a Kraken ledgers.csv is imported twice then its format and skipped rows are named and nothing is inserted twice', async () => {
    const first = await runCli(['ledger', 'import', join(venues, 'kraken-ledgers.csv')], environment);
    expect(first.code).toBe(0);
    expect(first.output).toContain(
      'kraken-ledgers format; not trades, skipped: 1 deposit, 1 withdrawal, 1 staking',
    );
    expect(first.output).toContain('3 rows, 3 fills imported, 0 already present, 1 allocations written');
    const again = await runCli(['ledger', 'import', join(venues, 'kraken-ledgers.csv')], environment);
    expect(again.output).toContain('3 rows, 0 fills imported, 3 already present, 0 allocations written');
    const trades = await runCli(['ledger', 'import', join(venues, 'kraken-trades.csv')], environment);
    expect(trades.output).toContain('3 rows, 0 fills imported, 3 already present');
  }, 60_000);

  it('when a Coinbase transaction history has a bad row then nothing is imported and the line is named', async () => {
    const bad = join(scratch, 'coinbase.csv');
    writeFileSync(
      bad,
      [
        'ID,Timestamp,Transaction Type,Asset,Quantity Transacted,Price Currency,Price at Transaction,Subtotal,Total (inclusive of fees and/or spread),Fees and/or Spread,Notes',
        'a1,2024-05-01 10:00:00 UTC,Buy,SOL,2,USD,$150.00,$300.00,$304.00,$4.00,',
        'a2,2024-05-02 10:00:00 UTC,Sell,SOL,1,USD,lots,$160.00,$158.00,$2.00,',
      ].join('\n'),
    );
    const result = await runCli(['ledger', 'import', bad], environment);
    expect(result.code).toBe(1);
    expect(result.output).toContain('nothing imported, 1 bad row(s)');
    expect(result.output).toContain('line 3: Price at Transaction: "lots" is not a number');
    const report = await runCli(['tax', 'report', '--year', '2024', '--format', 'csv'], environment);
    expect(report.output).not.toContain('SOL');
  }, 60_000);

  it('when no format matches the header then the import names the formats it tried', async () => {
    const bad = join(scratch, 'unknown.csv');
    writeFileSync(bad, 'Date,Market,Type,Amount\n2024-01-01,BTCUSDT,BUY,1\n');
    const result = await runCli(['ledger', 'import', bad], environment);
    expect(result.code).toBe(1);
    expect(result.output).toContain(
      'the header matches no format Hookline reads (tried hookline, coinbase-fills, coinbase-transactions, kraken-trades, kraken-ledgers)',
    );
  }, 60_000);
});
