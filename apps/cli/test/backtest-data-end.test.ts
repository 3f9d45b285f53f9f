// The end of the data: a BUY decided on a symbol's last candle has no next candle to fill in, so the
// backtest places no order for it (it would meet the last quote again, after the data, and its
// END_OF_DATA exit would come before its entry). The generated series (seed 1, 300 one-minute
// candles) ends on such a BUY for S0/USD.
import { runBacktestEngine } from '@hookline/backtester';
import { dec } from '@hookline/core';
import { openMemoryDatabase } from '@hookline/db';
import { candleTimeframeMs, generateCandleCsv, parseCandleCsv } from '@hookline/exchange';
import { createLogger } from '@hookline/runtime';
import { parseConfig } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';

const minute = candleTimeframeMs['1m'];
const startMs = Date.UTC(2025, 0, 1);

describe('backtest at the end of the data', () => {
  it('when the last candle of a symbol decides BUY then no entry is placed and every trade exits after it entered', async () => {
    const series = [1, 2].map((seed, index) => ({
      symbol: `S${index}/USD`,
      rows: parseCandleCsv(
        generateCandleCsv({
          seed,
          count: 300,
          startMs,
          timeframeMs: minute,
          startPrice: '100',
          typicalVolume: '1000',
        }),
      ),
    }));
    const database = await openMemoryDatabase();
    try {
      const run = await runBacktestEngine({
        database,
        series,
        timeframe: '1m',
        config: parseConfig({ MODE: 'paper', HOOKLINE_SIGHOOK_TIMEFRAME: '1m' }),
        logger: createLogger({ level: 'error', format: 'json', service: 'test' }, process.stderr),
        initialCash: dec('100000'),
      });
      const dataEndMs = startMs + 300 * minute;
      const lastS0 = run.decisions.filter((row) => row.symbol === 'S0/USD').at(-1);
      expect(lastS0?.action).toBe('BUY');
      expect(run.trades.length).toBeGreaterThan(0);
      for (const trade of run.trades) {
        expect(trade.entryTime.getTime()).toBeLessThan(dataEndMs);
        if (trade.exitTime)
          expect(trade.exitTime.getTime()).toBeGreaterThanOrEqual(trade.entryTime.getTime());
      }
    } finally {
      await database.close();
    }
  }, 120_000);
});
