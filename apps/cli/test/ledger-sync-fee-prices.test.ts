// Third-asset fees in `ledger sync`: valued at the venue's own one-minute close at the time of the
// fill (a real paper venue's candle history), or stored unvalued and named, never guessed. The
// page of fills stands for a venue that charges fees in its own token (Binance's BNB); the prices,
// the store and the ledger are real (PostgreSQL).
import { dec, TestClock } from '@hookline/core';
import { type Database, migrateDatabase, openDatabase } from '@hookline/db';
import { type Fill, type FillPage, PaperExchange } from '@hookline/exchange';
import { storeOf } from '@hookline/store';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { FeePrices } from '../src/ledger-sync/fee-prices.js';
import { type FillHistorySource, syncFillHistory } from '../src/ledger-sync/fill-sync.js';
import { syncReportLines } from '../src/ledger-sync/sync-report.js';

const now = Date.UTC(2026, 2, 1, 12, 0, 0);
const minute = now - 30 * 60_000; // inside the venue's 120 minutes of history
const venue = () => new PaperExchange({ clock: new TestClock(now), seed: 5, historyMinutes: 120 });

function fill(tradeId: string, overrides: Partial<Fill>): Fill {
  return {
    tradeId,
    orderId: `o-${tradeId}`,
    clientOrderId: undefined,
    symbol: 'ETH/USD',
    side: 'buy',
    price: dec('3000'),
    amount: dec('1'),
    fee: dec('0.0001'),
    feeCurrency: 'BTC',
    liquidity: 'TAKER',
    executedAt: new Date(minute + 25_000),
    ...overrides,
  };
}

async function btcCloseAt(exchange: PaperExchange, at: number) {
  const [candle] = await exchange.fetchCandles('BTC/USD', '1m', { since: new Date(at), limit: 1 });
  if (!candle || candle.openTime.getTime() !== at) throw new Error('no BTC/USD candle for that minute');
  return candle.close;
}

describe('third-asset fees valued at the venue', () => {
  it.each([
    ['a fee in BTC on ETH/USD', fill('a', {}), 'valued'],
    ['a fee in the quote (USD)', fill('b', { feeCurrency: 'USD' }), 'not third'],
    ['a fee in the base (ETH)', fill('c', { feeCurrency: 'ETH' }), 'not third'],
    ['a zero fee in BTC', fill('d', { fee: dec('0') }), 'not third'],
    ['a fee in a token the venue does not list', fill('e', { feeCurrency: 'XYZ' }), 'unvalued'],
    ['a fee in BTC on a pair not quoted in USD', fill('f', { symbol: 'ETH/EUR' }), 'not third'],
  ])('when %s is synced then it is %s', async (_name, given, expected) => {
    const exchange = venue();
    const { feeUsd, unvalued } = await new FeePrices(exchange, ['USD', 'USDC', 'USDT']).value([given]);
    if (expected === 'valued') {
      const close = await btcCloseAt(exchange, minute);
      expect(feeUsd.get(given.tradeId)?.toString()).toBe(given.fee.times(close).toString());
      expect(unvalued).toEqual([]);
    } else if (expected === 'unvalued') {
      expect(feeUsd.size).toBe(0);
      expect(unvalued.map((item) => item.tradeId)).toEqual([given.tradeId]);
    } else {
      expect(feeUsd.size).toBe(0);
      expect(unvalued).toEqual([]);
    }
  });

  describe('through ledger sync into PostgreSQL', () => {
    const opened: Array<{ database: Database; test: TestDatabase }> = [];
    afterAll(async () => {
      for (const { database, test } of opened) {
        await database.close();
        await test.drop();
      }
    });

    it('when a page holds a BTC fee and an unlisted token fee then the first is stored valued and the second flagged and named', async () => {
      const test = await createTestDatabase('fee_prices');
      const location = { databaseUrl: test.url, dataDir: '/nonexistent-not-used' };
      await migrateDatabase(location);
      const database = await openDatabase(location);
      opened.push({ database, test });
      const exchange = venue();
      const page: FillPage = {
        fills: [fill('t1', {}), fill('t2', { feeCurrency: 'XYZ', fee: dec('0.5') })],
        nextCursor: 'end',
        hasMore: false,
        receivedAt: new Date(now),
      };
      const source: FillHistorySource = {
        name: 'binance',
        fetchFillsSince: async () => page,
        fillCursorAt: () => 'start',
        fetchMarkets: () => exchange.fetchMarkets(),
        fetchCandles: (...args) => exchange.fetchCandles(...args),
      };
      const report = await syncFillHistory(
        { store: storeOf(database), exchange: source, clock: new TestClock(now), ledger: {} },
        { account: 'live', symbol: undefined, since: new Date(minute), restart: false, pageSize: 10 },
      );
      expect(report.failure).toBeUndefined();
      const rows = await database.prisma.fill.findMany({ orderBy: { tradeId: 'asc' } });
      const close = await btcCloseAt(exchange, minute);
      expect(rows.map((row) => [row.tradeId, row.feeUsd?.toString() ?? null, row.feeUnvalued])).toEqual([
        ['t1', dec('0.0001').times(close).toString(), false],
        ['t2', null, true],
      ]);
      const lines = syncReportLines(report).join('\n');
      expect(lines).toContain("1 fee(s) paid in a third asset valued at the venue's price of their minute");
      expect(lines).toContain('t2 (0.5 XYZ)');
    });
  });
});
