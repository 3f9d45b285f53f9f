import { dec } from '@hookline/core';
import type { Database } from '@hookline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NewFill, recordFills, recordTransfer, registerAccount } from '../src/index.js';
import { engines, migratedDatabase } from './support/ledger-database.js';

// Every write of an account's ledger (fills, their allocations, transfers), by whatever path, moves that
// account's version in ledger_versions within the writing transaction; nothing else does. The sentinel
// keeps open positions while the version stays, so a write that did not move it would go unseen.
let sequence = 0;

function fill(account: string, side: 'buy' | 'sell', size: string, price = '100'): NewFill {
  sequence += 1;
  return {
    account,
    exchange: 'coinbase',
    tradeId: `lv-${sequence}`,
    orderId: `lv-order-${sequence}`,
    symbol: 'BTC/USD',
    side,
    price: dec(price),
    size: dec(size),
    fee: dec('0.1'),
    feeCurrency: 'USD',
    executedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, sequence)),
    receivedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, sequence)),
    ingestVia: 'IMPORT',
  };
}

type Write = (database: Database) => Promise<unknown>;

const replayed = fill('B', 'buy', '3');

const cases: ReadonlyArray<{ name: string; prepare?: Write; write: Write; moved: readonly string[] }> = [
  {
    name: 'buy fills of one account are recorded',
    write: (db) => recordFills(db.prisma, [fill('A', 'buy', '1'), fill('A', 'buy', '2')]),
    moved: ['A'],
  },
  {
    name: 'a sell is recorded (its fill and its FIFO allocations)',
    write: (db) => recordFills(db.prisma, [fill('A', 'sell', '0.5', '120')]),
    moved: ['A'],
  },
  {
    name: 'fills of two accounts are recorded in one call',
    write: (db) => recordFills(db.prisma, [fill('A', 'buy', '1'), fill('B', 'buy', '1')]),
    moved: ['A', 'B'],
  },
  {
    name: 'a transfer moves lots from one account to another',
    write: (db) =>
      recordTransfer(db.prisma, {
        externalId: `lv-transfer-${sequence++}`,
        fromAccount: 'A',
        toAccount: 'C',
        asset: 'BTC',
        quantity: dec('0.25'),
        feeQuantity: dec('0'),
        feePriceUsd: null,
        executedAt: new Date('2024-02-01T00:00:00Z'),
      }),
    moved: ['A', 'C'],
  },
  {
    name: "a fill's fee value is corrected by hand",
    write: (db) => db.prisma.$executeRaw`UPDATE fills SET fee_usd = 0.2 WHERE account = 'B'`,
    moved: ['B'],
  },
  {
    name: 'a fill already recorded is recorded again (nothing inserted)',
    prepare: (db) => recordFills(db.prisma, [replayed]),
    write: (db) => recordFills(db.prisma, [replayed]),
    moved: [],
  },
  {
    name: 'a write is rolled back',
    write: (db) =>
      db.prisma
        .$transaction(async (tx) => {
          await tx.$executeRaw`UPDATE fills SET fee_usd = 0.3 WHERE account = 'A'`;
          throw new Error('rolled back on purpose');
        })
        .catch(() => undefined),
    moved: [],
  },
];

async function versions(database: Database): Promise<Record<string, bigint>> {
  const rows = await database.prisma.$queryRaw<Array<{ account: string; version: bigint }>>`
    SELECT account, version FROM ledger_versions`;
  return Object.fromEntries(rows.map((row) => [row.account, row.version]));
}

describe.each(engines)('the ledger version of each account on %s', (kind) => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await migratedDatabase(kind));
    for (const name of ['A', 'B', 'C'])
      await registerAccount(database.prisma, { name, mode: 'live', exchange: 'coinbase' });
  }, 120_000);
  afterAll(async () => dispose());

  // In order: each case writes on top of the ledger the cases before it left.
  it.each(cases)('when $name then the versions of exactly $moved move', async ({ prepare, write, moved }) => {
    await prepare?.(database);
    const before = await versions(database);
    await write(database);
    const after = await versions(database);

    const changed = Object.keys(after)
      .filter((account) => after[account] !== before[account])
      .sort();
    expect(changed).toEqual([...moved]);
  });
});
