import { dec } from '@hookline/core';
import type { Database } from '@hookline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type NewFill,
  recordFills,
  recordImportedAccounts,
  registerAccount,
  reportAccounts,
  storedTaxReport,
  verifyReportedLedger,
} from '../src/index.js';
import { migratedDatabase } from './support/ledger-database.js';

/** A buy then a sell of 1 BTC in 2024 under `account`: one allocation with a 1000 USD gain. */
function roundTrip(account: string, exchange: string): NewFill[] {
  const common = { account, exchange, symbol: 'BTC/USD', size: dec('1'), fee: dec('0'), feeCurrency: 'USD' };
  return [
    {
      ...common,
      tradeId: `${account}-b`,
      orderId: `${account}-o1`,
      side: 'buy',
      price: dec('60000'),
      executedAt: new Date('2024-03-01T00:00:00Z'),
      receivedAt: new Date('2024-03-01T00:00:00Z'),
      ingestVia: 'REST',
    },
    {
      ...common,
      tradeId: `${account}-s`,
      orderId: `${account}-o2`,
      side: 'sell',
      price: dec('61000'),
      executedAt: new Date('2024-04-01T00:00:00Z'),
      receivedAt: new Date('2024-04-01T00:00:00Z'),
      ingestVia: 'REST',
    },
  ];
}

describe('accounts: one mode each, reports cover live ones', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await migratedDatabase('postgres'));
    await registerAccount(database.prisma, { name: 'paper', mode: 'paper', exchange: 'paper' });
    await registerAccount(database.prisma, { name: 'live', mode: 'live', exchange: 'coinbase' });
    await recordFills(database.prisma, [...roundTrip('paper', 'paper'), ...roundTrip('live', 'coinbase')]);
  }, 60_000);
  afterAll(async () => dispose());

  it('when an account is registered again with its mode then nothing changes', async () => {
    const again = await registerAccount(database.prisma, { name: 'live', mode: 'live', exchange: 'kraken' });
    expect(again).toEqual({ name: 'live', mode: 'live', exchange: 'coinbase' });
  });

  it('when an account is registered with the other mode then the start is refused and names the fix', async () => {
    await expect(
      registerAccount(database.prisma, { name: 'paper', mode: 'live', exchange: 'coinbase' }),
    ).rejects.toThrow(
      "account 'paper' is a paper account; live mode needs a live account: set HOOKLINE_ACCOUNT to another name",
    );
    await expect(
      registerAccount(database.prisma, { name: 'live', mode: 'paper', exchange: 'paper' }),
    ).rejects.toThrow("account 'live' is a live account; paper mode needs a paper account");
  });

  it.each([
    [undefined, [{ name: 'live', mode: 'live' }]],
    ['paper', [{ name: 'paper', mode: 'paper' }]],
    ['nobody', [{ name: 'nobody', mode: 'unrecorded' }]],
  ])('when a report is asked for account %j then it covers %j', async (named, covered) => {
    expect(await reportAccounts(database.prisma, named)).toEqual(covered);
  });

  it('when the tax report is asked without an account then only the live fills count', async () => {
    const { report, accounts } = await storedTaxReport(database.prisma, { year: 2024, timezone: 'UTC' });
    expect(accounts).toEqual([{ name: 'live', mode: 'live' }]);
    expect(report.allocations.map((allocation) => allocation.account)).toEqual(['live']);
    const paper = await storedTaxReport(database.prisma, { year: 2024, timezone: 'UTC', account: 'paper' });
    expect(paper.report.allocations.map((allocation) => allocation.account)).toEqual(['paper']);
  });

  it('when the ledger is verified without an account then only the live books are covered', async () => {
    expect((await verifyReportedLedger(database.prisma)).accounts).toEqual([{ name: 'live', mode: 'live' }]);
    expect((await verifyReportedLedger(database.prisma, { account: 'paper' })).accounts).toEqual([
      { name: 'paper', mode: 'paper' },
    ]);
  });

  it("when a CSV is imported into new accounts then they are live, except paper mode's own, and recorded ones keep their mode", async () => {
    await registerAccount(database.prisma, { name: 'lab', mode: 'paper', exchange: 'paper' });
    expect(await recordImportedAccounts(database.prisma, ['history', 'lab', 'paper'], 'kraken')).toEqual([
      { name: 'history', mode: 'live' },
      { name: 'lab', mode: 'paper' },
      { name: 'paper', mode: 'paper' },
    ]);
  });
});
