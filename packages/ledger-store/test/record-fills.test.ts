import { dec } from '@hookline/core';
import type { Database } from '@hookline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NewFill, recordFills } from '../src/index.js';
import { engines, migratedDatabase } from './support/ledger-database.js';

const at = (iso: string) => new Date(iso);

function fill(overrides: Partial<NewFill> & Pick<NewFill, 'tradeId' | 'side' | 'price' | 'size'>): NewFill {
  return {
    account: 'default',
    exchange: 'coinbase',
    orderId: `order-${overrides.tradeId}`,
    symbol: 'BTC/USD',
    fee: dec('0'),
    feeCurrency: 'USD',
    executedAt: at('2024-01-01T00:00:00Z'),
    receivedAt: at('2024-01-01T00:00:01Z'),
    ingestVia: 'IMPORT',
    ...overrides,
  };
}

describe.each(engines)('recordFills on %s', (kind) => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await migratedDatabase(kind));
  }, 120_000);
  afterAll(async () => dispose());

  it('when a buy and a sell are recorded then the sell is allocated and its order row carries the P&L', async () => {
    const result = await recordFills(
      database.prisma,
      [
        fill({ tradeId: 'b1', side: 'buy', price: dec('100'), size: dec('2'), fee: dec('1') }),
        fill({
          tradeId: 's1',
          side: 'sell',
          price: dec('150'),
          size: dec('1'),
          fee: dec('0.5'),
          executedAt: at('2024-02-01T00:00:00Z'),
        }),
      ],
      { unknownOrderOrigin: 'IMPORT' },
    );
    expect(result).toMatchObject({ inserted: 2, duplicates: 0, allocations: 1 });
    const sell = await database.prisma.tradeRecord.findFirstOrThrow({ where: { orderId: 'order-s1' } });
    // cost basis 1 × (100 + 1/2) = 100.5; net proceeds 150 − 0.5 = 149.5; pnl 49
    expect(sell.pnlUsd?.toString()).toBe('49');
    expect(sell.costBasisUsd?.toString()).toBe('100.5');
    expect(sell.netSaleProceedsUsd?.toString()).toBe('149.5');
    expect(sell).toMatchObject({ status: 'FILLED', trigger: 'IMPORT', orderType: 'UNKNOWN' });
    const buy = await database.prisma.tradeRecord.findFirstOrThrow({ where: { orderId: 'order-b1' } });
    expect(buy.remainingSize?.toString()).toBe('1');
    expect(buy.totalFeesUsd.toString()).toBe('1');
  });

  it('when the same fills are recorded again then nothing changes', async () => {
    const before = await database.prisma.fifoAllocation.count();
    const result = await recordFills(database.prisma, [
      fill({ tradeId: 'b1', side: 'buy', price: dec('100'), size: dec('2'), fee: dec('1') }),
    ]);
    expect(result).toMatchObject({ inserted: 0, duplicates: 1, allocations: 0 });
    expect(await database.prisma.fifoAllocation.count()).toBe(before);
  });

  it('when a fill arrives before fills already processed then the book is recomputed in order', async () => {
    const result = await recordFills(database.prisma, [
      fill({
        tradeId: 'b0',
        side: 'buy',
        price: dec('50'),
        size: dec('1'),
        executedAt: at('2023-12-01T00:00:00Z'),
      }),
    ]);
    expect(result.recomputedBooks).toBe(1);
    const allocation = await database.prisma.fifoAllocation.findFirstOrThrow({ where: { kind: 'SELL' } });
    // FIFO: the earlier lot (b0 at 50) is consumed first now.
    expect(allocation.buyPrice.toString()).toBe('50');
    const sell = await database.prisma.tradeRecord.findFirstOrThrow({ where: { orderId: 'order-s1' } });
    expect(sell.pnlUsd?.toString()).toBe('99.5');
  });
});

describe('recordFills under concurrency (postgres)', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await migratedDatabase('postgres'));
  }, 60_000);
  afterAll(async () => dispose());

  it('when the same fills are recorded by two writers at once then each is stored and allocated once', async () => {
    const fills = [
      fill({ tradeId: 'c1', side: 'buy', price: dec('10'), size: dec('3') }),
      fill({
        tradeId: 'c2',
        side: 'sell',
        price: dec('12'),
        size: dec('1'),
        executedAt: at('2024-01-02T00:00:00Z'),
      }),
      fill({
        tradeId: 'c3',
        side: 'sell',
        price: dec('13'),
        size: dec('1'),
        executedAt: at('2024-01-03T00:00:00Z'),
      }),
    ];
    const [first, second] = await Promise.all([
      recordFills(database.prisma, fills),
      recordFills(database.prisma, [...fills].reverse()),
    ]);
    expect((first?.inserted ?? 0) + (second?.inserted ?? 0)).toBe(3);
    expect(await database.prisma.fill.count()).toBe(3);
    const allocations = await database.prisma.fifoAllocation.findMany({ orderBy: { sellTime: 'asc' } });
    expect(allocations.map((row) => [row.allocatedSize.toString(), row.pnlUsd.toString()])).toEqual([
      ['1', '2'],
      ['1', '3'],
    ]);
    const buy = await database.prisma.tradeRecord.findFirstOrThrow({ where: { orderId: 'order-c1' } });
    expect(buy.remainingSize?.toString()).toBe('1');
  });
});
