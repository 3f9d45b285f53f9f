// `ledger import-transfers FILE` as a user runs it (real processes, real PostgreSQL): a good file is
// recorded, a file with bad rows names every line and records nothing, and a refusal in the middle
// (a shortfall) rolls back the rows before it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase } from '@hookline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { cleanEnvironment, runCli } from './support/run-cli.js';

describe('ledger import-transfers (real processes, real database)', () => {
  let database: TestDatabase;
  let opened: Database;
  let environment: NodeJS.ProcessEnv;
  let scratch: string;
  const file = (name: string, text: string) => {
    const path = join(scratch, name);
    writeFileSync(path, text);
    return path;
  };
  const transfers = async () => await opened.prisma.transfer.count();

  beforeAll(async () => {
    database = await createTestDatabase('importtransfers');
    scratch = mkdtempSync(join(tmpdir(), 'hookline-transfers-'));
    environment = cleanEnvironment({ DATABASE_URL: database.url, DATA_DIR: scratch });
    expect((await runCli(['db', 'migrate'], environment)).code).toBe(0);
    const header = 'time,account,symbol,side,quantity,price,fee,fee_currency,trade_id,order_id\n';
    const live = file('live.csv', `${header}2023-01-02T00:00:00Z,live,BTC/USD,buy,1,20000,10,USD,t1,o1\n`);
    const cold = file('cold.csv', `${header}2023-01-03T00:00:00Z,cold,BTC/USD,buy,0.1,21000,1,USD,t2,o2\n`);
    expect((await runCli(['ledger', 'import', live, '--account', 'live'], environment)).code).toBe(0);
    expect((await runCli(['ledger', 'import', cold, '--account', 'cold'], environment)).code).toBe(0);
    opened = await openDatabase({ databaseUrl: database.url, dataDir: scratch });
  }, 120_000);
  afterAll(async () => {
    await opened?.close();
    await database.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('when a file has bad rows then every bad line is named and nothing is recorded', async () => {
    const bad = file(
      'bad.csv',
      [
        'time,from,to,asset,quantity,fee,fee_price_usd,id',
        '2023-03-01T00:00:00Z,live,cold,BTC,abc,,,',
        '2023-03-02,live,cold,BTC,0.1,,,',
        '2023-03-03T00:00:00Z,live,cold,BTC,0.1,0.001,,',
        '2023-03-04T00:00:00Z,live,cold,BTC,0.1,,,',
      ].join('\n'),
    );
    const result = await runCli(['ledger', 'import-transfers', bad], environment);
    expect(result.code).toBe(1);
    expect(result.output).toContain('line 2: quantity must be a decimal number like 0.5 (got abc)');
    expect(result.output).toContain(
      'line 3: time must be an ISO-8601 instant with Z or an offset (got 2023-03-02)',
    );
    expect(result.output).toContain('line 4: fee_price_usd is required with fee');
    expect(result.output).not.toContain('line 5:');
    expect(result.output).toContain('nothing was recorded');
    expect(await transfers()).toBe(0);
  }, 60_000);

  it('when a header is wrong then the line-1 problem names the columns', async () => {
    const result = await runCli(
      ['ledger', 'import-transfers', file('header.csv', 'time,source,to,asset,quantity\n')],
      environment,
    );
    expect(result.code).toBe(1);
    expect(result.output).toContain(
      'line 1: header must be time,from,to,asset,quantity,fee,fee_price_usd,id',
    );
    expect(result.output).toContain('missing from; unknown source');
  }, 60_000);

  it('when the second transfer moves more than the source holds then the first is not recorded either', async () => {
    const refused = file(
      'refused.csv',
      [
        'time,from,to,asset,quantity,fee,fee_price_usd,id',
        '2023-03-01T00:00:00Z,live,cold,BTC,0.4,,,move-1',
        '2023-03-02T00:00:00Z,live,cold,BTC,5,,,move-2',
      ].join('\n'),
    );
    const result = await runCli(['ledger', 'import-transfers', refused], environment);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/line 3: .*transfer move-2: .*refused \(shortfall/);
    expect(result.output).toContain('nothing from');
    expect(await transfers()).toBe(0);
  }, 60_000);

  it('when a good file is imported twice then its transfers are recorded once and the books verify', async () => {
    const good = file(
      'good.csv',
      [
        'time,from,to,asset,quantity,fee,fee_price_usd,id',
        '2023-03-01T00:00:00Z,live,cold,BTC,0.4,,,move-1',
        '2023-04-01T00:00:00Z,cold,live,BTC,0.2,0.0001,25000,move-2',
      ].join('\n'),
    );
    const first = await runCli(['ledger', 'import-transfers', good], environment);
    expect(first.code).toBe(0);
    expect(first.output).toContain('recorded 2 transfer(s)');
    const again = await runCli(['ledger', 'import-transfers', good], environment);
    expect(again.output).toContain('recorded 0 transfer(s)');
    expect(again.output).toContain('2 already recorded');
    expect(await transfers()).toBe(2);
    const verify = await runCli(['ledger', 'verify', '--account', 'live'], environment);
    expect(verify.code).toBe(0);
  }, 120_000);
});
