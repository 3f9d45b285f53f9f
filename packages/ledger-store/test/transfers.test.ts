import { dec } from '@hookline/core';
import type { Database } from '@hookline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type NewFill,
  type NewTransfer,
  recomputeStoredLedger,
  recordFills,
  recordTransfer,
  registerAccount,
  storedTaxReport,
  verifyStoredLedger,
} from '../src/index.js';
import { engines, migratedDatabase } from './support/ledger-database.js';

const at = (iso: string) => new Date(iso);

function fill(overrides: Partial<NewFill> & Pick<NewFill, 'tradeId' | 'side' | 'price' | 'size'>): NewFill {
  return {
    account: 'A',
    exchange: 'coinbase',
    orderId: `order-${overrides.tradeId}`,
    symbol: 'BTC/USD',
    fee: dec('0'),
    feeCurrency: 'USD',
    executedAt: at('2023-01-10T00:00:00Z'),
    receivedAt: at('2023-01-10T00:00:01Z'),
    ingestVia: 'IMPORT',
    ...overrides,
  };
}

const move: NewTransfer = {
  externalId: 'wd-1',
  fromAccount: 'A',
  toAccount: 'B',
  asset: 'BTC',
  quantity: dec('1.5'),
  feeQuantity: dec('0.01'),
  feePriceUsd: dec('40000'),
  executedAt: at('2024-01-01T00:00:00Z'),
};

describe.each(engines)('transfers between accounts on %s', (kind) => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await migratedDatabase(kind));
    for (const name of ['A', 'B'])
      await registerAccount(database.prisma, { name, mode: 'live', exchange: 'coinbase' });
    await recordFills(
      database.prisma,
      [
        fill({ tradeId: 'a1', side: 'buy', price: dec('100'), size: dec('1'), fee: dec('3') }),
        fill({
          tradeId: 'a2',
          side: 'buy',
          price: dec('200'),
          size: dec('1'),
          executedAt: at('2023-06-01T00:00:00Z'),
        }),
      ],
      { unknownOrderOrigin: 'IMPORT' },
    );
  }, 120_000);
  afterAll(async () => dispose());

  const openLots = async () =>
    (
      await database.prisma.$queryRaw<
        Array<{ account: string; buy_fill_id: string; remaining: string; buy_time: Date }>
      >`
        SELECT account, buy_fill_id, remaining_size::text AS remaining, buy_time FROM open_lots ORDER BY account, buy_time`
    ).map((row) => [row.account, row.remaining, row.buy_time.toISOString()]);

  it('when the destination account is unknown then the transfer is refused and nothing is written', async () => {
    await expect(
      recordTransfer(database.prisma, { ...move, externalId: 'x', toAccount: 'nowhere' }),
    ).rejects.toThrow(/account nowhere is unknown/);
    expect(await database.prisma.transfer.count()).toBe(0);
  });

  it('when the transfer moves more than A holds then it is refused with account, asset and shortfall', async () => {
    await expect(
      recordTransfer(database.prisma, { ...move, externalId: 'big', quantity: dec('2.5') }),
    ).rejects.toThrow(/account A holds 0\.51 BTC less.*refused/);
    expect(await database.prisma.transfer.count()).toBe(0);
  });

  it('when the fee has no USD price then the transfer is refused', async () => {
    await expect(recordTransfer(database.prisma, { ...move, feePriceUsd: null })).rejects.toThrow(
      /needs its USD price/,
    );
  });

  it('when A moves 1.5 BTC to B then the open lots are at B with their original dates and A keeps the rest', async () => {
    const result = await recordTransfer(database.prisma, move);
    expect(result).toMatchObject({ inserted: true, accounts: ['A', 'B'] });
    expect(await openLots()).toEqual([
      ['A', '0.49', '2023-06-01T00:00:00.000Z'],
      ['B', '1', '2023-01-10T00:00:00.000Z'],
      ['B', '0.5', '2023-06-01T00:00:00.000Z'],
    ]);
  });

  it('when the same transfer is recorded again then nothing changes', async () => {
    const again = await recordTransfer(database.prisma, move);
    expect(again.inserted).toBe(false);
    expect(await database.prisma.transfer.count()).toBe(1);
  });

  it('when B sells then the moved lot is consumed with its original buy and date (long-term) and the tax report leaves the transfer out', async () => {
    await recordFills(
      database.prisma,
      [
        fill({
          account: 'B',
          tradeId: 's1',
          side: 'sell',
          price: dec('500'),
          size: dec('1'),
          executedAt: at('2024-02-01T00:00:00Z'),
        }),
      ],
      { unknownOrderOrigin: 'IMPORT' },
    );
    const buy = await database.prisma.fill.findFirstOrThrow({ where: { tradeId: 'a1' } });
    const sale = await database.prisma.fifoAllocation.findMany({ where: { account: 'B', kind: 'SELL' } });
    expect(
      sale.map((row) => [row.buyFillId, row.buyTime?.toISOString(), row.term, row.costBasisUsd.toString()]),
    ).toEqual([[buy.id, '2023-01-10T00:00:00.000Z', 'LONG', '103']]);
    const { report } = await storedTaxReport(database.prisma, { year: 2024, timezone: 'UTC' });
    expect(report.allocations.map((row) => [row.account, row.kind, row.pnl_usd])).toEqual([
      ['A', 'FEE_DISPOSAL', '398'],
      ['B', 'SELL', '397'],
    ]);
    expect(await openLots()).toEqual([
      ['A', '0.49', '2023-06-01T00:00:00.000Z'],
      ['B', '0.5', '2023-06-01T00:00:00.000Z'],
    ]);
  });

  it('when the ledger is recomputed then every row comes out the same', async () => {
    const before = await database.prisma.fifoAllocation.findMany({
      orderBy: [{ account: 'asc' }, { sellTime: 'asc' }, { sliceIndex: 'asc' }],
    });
    const books = await recomputeStoredLedger(database.prisma);
    expect(books.map((book) => [book.book.account, book.changed])).toEqual([
      ['A', false],
      ['B', false],
    ]);
    const after = await database.prisma.fifoAllocation.findMany({
      orderBy: [{ account: 'asc' }, { sellTime: 'asc' }, { sliceIndex: 'asc' }],
    });
    const strip = (rows: typeof before) =>
      rows.map(({ id: _id, createdAt: _c, ...rest }) => JSON.stringify(rest));
    expect(strip(after)).toEqual(strip(before));
  });

  const errorsOf = async (account: string) =>
    (await verifyStoredLedger(database.prisma, { scope: { account } }))
      .filter((violation) => violation.severity === 'error')
      .map((violation) => `${violation.rule}: ${violation.message}`);

  it('when each account of the transfer is verified then neither has an error', async () => {
    expect(await errorsOf('A')).toEqual([]);
    expect(await errorsOf('B')).toEqual([]);
  });

  it('when a stored TRANSFER row is lost then verify names the transfer and the lot it left behind', async () => {
    const transfer = await database.prisma.transfer.findUniqueOrThrow({ where: { externalId: 'wd-1' } });
    const row = await database.prisma.fifoAllocation.findFirstOrThrow({
      where: { transferId: transfer.id, kind: 'TRANSFER', sliceIndex: 1 },
    });
    await database.prisma.fifoAllocation.delete({ where: { id: row.id } });
    try {
      const errors = await errorsOf('A');
      expect(errors).toContainEqual(
        expect.stringMatching(/^NOT_FULLY_ALLOCATED: transfer .* rows move 1 of 1\.5/),
      );
      expect(errors).toContainEqual(expect.stringMatching(/^LOT_MISMATCH: /));
    } finally {
      await recomputeStoredLedger(database.prisma);
    }
    expect(await errorsOf('B')).toEqual([]);
  });
});
