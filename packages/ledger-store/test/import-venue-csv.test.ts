import { dec, TestClock } from '@hookline/core';
import type { Database } from '@hookline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLedgerCsv, recordFills } from '../src/index.js';
import { migratedDatabase } from './support/ledger-database.js';

const fixture = (name: string) => new URL(`./fixtures/venues/${name}`, import.meta.url).pathname;
const clock = new TestClock(new Date('2024-06-01T00:00:00Z'));
const options = { exchange: 'coinbase', clock, defaultAccount: 'live' };

describe('importing venue exports into Postgres', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await migratedDatabase('postgres'));
  }, 120_000);
  afterAll(async () => dispose());

  it.each([
    ['coinbase-fills.csv', 'coinbase-fills', 3],
    ['coinbase-transactions.csv', 'coinbase-transactions', 3],
  ])(
    'when %s is imported twice then the second import inserts nothing',
    async (name, format, rows) => {
      const first = await importLedgerCsv(database.prisma, fixture(name), options);
      expect(first).toMatchObject({ ok: true, format, rows, inserted: rows, duplicates: 0 });
      const second = await importLedgerCsv(database.prisma, fixture(name), options);
      expect(second).toMatchObject({ ok: true, format, rows, inserted: 0, duplicates: rows, allocations: 0 });
    },
    60_000,
  );

  it('when a Kraken fill was recorded live then the trades.csv holding it inserts only the others', async () => {
    await recordFills(
      database.prisma,
      [
        {
          account: 'live',
          exchange: 'kraken',
          tradeId: 'TJKLXX-PTMBK-KJN7D2',
          orderId: 'OQCLML-BW3P3-BUCMWZ',
          symbol: 'BTC/USD',
          side: 'buy',
          price: dec('48000'),
          size: dec('0.01'),
          fee: dec('1.248'),
          feeCurrency: 'USD',
          executedAt: new Date('2024-02-12T15:04:33.123Z'),
          receivedAt: new Date('2024-02-12T15:04:33.500Z'),
          ingestVia: 'WEBSOCKET',
        },
      ],
      { unknownOrderOrigin: 'RECONCILED' },
    );
    const result = await importLedgerCsv(database.prisma, fixture('kraken-trades.csv'), options);
    expect(result).toMatchObject({ ok: true, format: 'kraken-trades', rows: 3, inserted: 2, duplicates: 1 });
  }, 60_000);

  it('when ledgers.csv overlaps trades.csv then its trades are already present and non-trades are counted', async () => {
    const result = await importLedgerCsv(database.prisma, fixture('kraken-ledgers.csv'), options);
    expect(result).toMatchObject({ ok: true, format: 'kraken-ledgers', rows: 3, inserted: 0, duplicates: 3 });
    expect(result.ok && result.skipped).toEqual([
      ['deposit', 1],
      ['withdrawal', 1],
      ['staking', 1],
    ]);
  }, 60_000);

  it('when a ledger trade paid its fee in KFEE then the fill carries its USD value and is not unvalued', async () => {
    const fresh = { ...options, defaultAccount: 'kraken-ledger' };
    const result = await importLedgerCsv(database.prisma, fixture('kraken-ledgers.csv'), fresh);
    expect(result).toMatchObject({ ok: true, inserted: 3 });
    const fill = await database.prisma.fill.findFirstOrThrow({
      where: { account: 'kraken-ledger', tradeId: 'TQ7VNI-OZ3IO-6QJ5FS' },
    });
    expect([fill.feeCurrency, fill.fee.toString(), fill.feeUsd?.toString(), fill.feeUnvalued]).toEqual([
      'KFEE',
      '195',
      '1.95',
      false,
    ]);
  }, 60_000);
});
