import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { cleanEnvironment, runCli } from './support/run-cli.js';

const fixture = new URL('./fixtures/fills-2023-2024.csv', import.meta.url).pathname;

describe('ledger import → verify → recompute → tax report (end to end)', () => {
  let database: TestDatabase;
  let environment: NodeJS.ProcessEnv;
  let scratch: string;
  beforeAll(async () => {
    database = await createTestDatabase('ledgercli');
    environment = cleanEnvironment({ DATABASE_URL: database.url });
    expect((await runCli(['db', 'migrate'], environment)).code).toBe(0);
    scratch = mkdtempSync(join(tmpdir(), 'hookline-tax-'));
  }, 60_000);
  afterAll(async () => {
    await database.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('when a CSV is imported twice then the second import changes nothing', async () => {
    const first = await runCli(['ledger', 'import', fixture], environment);
    expect(first.output).toContain('4 rows, 4 fills imported, 0 already present, 2 allocations written');
    const second = await runCli(['ledger', 'import', fixture], environment);
    expect(second.output).toContain('4 rows, 0 fills imported, 4 already present, 0 allocations written');
  }, 60_000);

  it('when verified after import and after recompute then no invariant is broken and nothing changed', async () => {
    expect((await runCli(['ledger', 'verify'], environment)).output).toContain(
      'ledger verified: no broken invariant',
    );
    const recompute = await runCli(['ledger', 'recompute'], environment);
    expect(recompute.output).toContain('live BTC: 2 allocations (unchanged)');
    const verify = await runCli(['ledger', 'verify'], environment);
    expect(verify.code).toBe(0);
  }, 60_000);

  it('when the 8949 CSV is exported then each row has the hand-checked cents and adds up', async () => {
    const output = join(scratch, 'f8949.csv');
    const result = await runCli(
      ['tax', 'report', '--year', '2024', '--format', '8949', '--output', output],
      environment,
    );
    expect(result.code).toBe(0);
    // Sold exactly on the anniversary of 2023-02-28: short-term. The -07:00 buy on 2023-06-01 is
    // 2023-06-01 in UTC too; sold 2024-06-02: long-term. Fees: buy fee in basis, sell fee out of proceeds.
    expect(readFileSync(output, 'utf8')).toBe(
      [
        // No tax form configured for the account: boxes C (short) and F (long), before 2025.
        'part,box,account,description,date_acquired,date_sold,proceeds,cost_basis,code,adjustment,gain',
        'I short-term,C,live,0.5 BTC,02/28/2023,02/28/2024,24975.00,10010.00,,0.00,14965.00',
        'I short-term,C,,TOTAL,,,24975.00,10010.00,,0.00,14965.00',
        'II long-term,F,live,0.25 BTC,06/01/2023,06/02/2024,14985.00,6006.00,,0.00,8979.00',
        'II long-term,F,,TOTAL,,,14985.00,6006.00,,0.00,8979.00',
        '',
      ].join('\n'),
    );
  }, 60_000);

  it('when the JSON report is asked then totals are exact decimal strings', async () => {
    const result = await runCli(['tax', 'report', '--year', '2024'], environment);
    // stderr (the coverage line) follows the JSON in the combined output.
    const report = JSON.parse(
      result.output.slice(result.output.indexOf('{'), result.output.lastIndexOf('}') + 1),
    );
    expect(report.totals).toEqual({
      proceeds_usd: '40000',
      net_proceeds_usd: '39960',
      cost_basis_usd: '16016',
      pnl_usd: '23944',
      short_term_pnl_usd: '14965',
      long_term_pnl_usd: '8979',
    });
    expect(report.allocations).toHaveLength(2);
    expect(report.shortfalls).toEqual([]);
  }, 60_000);

  it('when a file has bad rows then nothing is imported and each problem names its line and field', async () => {
    const bad = join(scratch, 'bad.csv');
    writeFileSync(
      bad,
      [
        'time,account,symbol,side,quantity,price,fee,fee_currency,trade_id,order_id',
        '2024-07-01T00:00:00Z,,ETH/USD,buy,1,3000,0,USD,e1,',
        '2024-07-01,,ETH/USD,buy,1,3000,0,USD,e2,',
        '2024-07-02T00:00:00Z,,ETHUSD,hold,1,abc,0,USD,e3,',
      ].join('\n'),
    );
    const result = await runCli(['ledger', 'import', bad], environment);
    expect(result.code).toBe(1);
    expect(result.output).toContain('nothing imported, 2 bad row(s)');
    expect(result.output).toContain('line 3: time: time must be ISO-8601 with an offset');
    expect(result.output).toContain('line 4: symbol: symbol must look like BTC/USD');
    expect(result.output).toContain('line 4: side: side must be buy or sell');
    expect(result.output).toContain('line 4: price: price must be a plain decimal number');
    const report = await runCli(['tax', 'report', '--year', '2024', '--format', 'csv'], environment);
    expect(report.output).not.toContain('ETH');
  }, 60_000);

  it('when the header is wrong then the import says which columns', async () => {
    const bad = join(scratch, 'header.csv');
    writeFileSync(bad, 'date,pair,side,qty\n2024-01-01,BTC/USD,buy,1\n');
    const result = await runCli(['ledger', 'import', bad], environment);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(
      /line 1: header must be time,account,.*; missing time, symbol, quantity, price, trade_id; unknown date, pair, qty/,
    );
  }, 60_000);
});
