import type { MatrixRow } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';
import { usePerFileDatabase } from '../../../test/support/per-file-database.js';
import { readNewestMatrixRows, storeOf, writeMatrixRows } from '../src/index.js';

/** A valid row of BTC/USD on the candle `minutes` after 12:00, computed when that candle closed. */
function rowOfMinute(minutes: number, overrides: Partial<MatrixRow> = {}): MatrixRow {
  const candleMs = Date.UTC(2025, 0, 2, 12, minutes);
  return {
    symbol: 'BTC/USD',
    timeframe: '1m',
    candle_time: new Date(candleMs).toISOString(),
    computed_at: new Date(candleMs + 60_000).toISOString(),
    indicators: {
      rsi: '61.5',
      macd: '12.25',
      macd_signal: '10.5',
      macd_histogram: '1.75',
      bb_upper: '60500',
      bb_middle: '60000',
      bb_lower: '59500',
      atr: '85.125',
      roc: '0.42',
      ema_fast: '60010',
      ema_slow: '59990',
      volume_ratio: '1.2',
    },
    buy_score: '3.5',
    sell_score: '0.5',
    action: 'BUY',
    atr: '85.125',
    ...overrides,
  };
}

describe('signal_matrix rows', () => {
  const perFile = usePerFileDatabase('store_matrix_rows');
  const store = () => storeOf(perFile.database());

  it('when rows are written then each is new once and a repeat of the same candle is skipped, not overwritten', async () => {
    const first = await writeMatrixRows(store(), [rowOfMinute(2), rowOfMinute(2, { symbol: 'ETH/USD' })]);

    const again = await writeMatrixRows(store(), [
      rowOfMinute(2, { computed_at: '2025-01-02T12:09:00.000Z', buy_score: '9' }),
    ]);

    expect(first).toBe(2);
    expect(again).toBe(0);
    const newest = await readNewestMatrixRows(store(), ['BTC/USD']);
    expect(newest.get('BTC/USD')).toEqual(rowOfMinute(2));
  });

  it('when nothing is written then writing no rows touches nothing', async () => {
    expect(await writeMatrixRows(store(), [])).toBe(0);
    expect(await perFile.database().prisma.signalMatrix.count()).toBe(0);
  });

  it('when a symbol has several rows then the newest computed one comes back as written, and a symbol without rows is absent', async () => {
    const rows = [rowOfMinute(1), rowOfMinute(3, { action: 'HOLD', atr: null }), rowOfMinute(2)];
    await writeMatrixRows(store(), rows);

    const newest = await readNewestMatrixRows(store(), ['BTC/USD', 'SOL/USD']);

    expect(newest.get('BTC/USD')).toEqual(rows[1]);
    expect(newest.has('SOL/USD')).toBe(false);
  });

  it('when rows of one poll share computed_at then the newest candle of them is the latest', async () => {
    const computedAt = '2025-01-02T12:10:00.000Z';
    await writeMatrixRows(store(), [
      rowOfMinute(4, { computed_at: computedAt }),
      rowOfMinute(5, { computed_at: computedAt }),
    ]);

    const newest = await readNewestMatrixRows(store(), ['BTC/USD']);

    expect(newest.get('BTC/USD')?.candle_time).toBe(rowOfMinute(5).candle_time);
  });

  it('when a timeframe is asked then only rows of that timeframe count', async () => {
    await writeMatrixRows(store(), [
      rowOfMinute(2, { timeframe: '5m', computed_at: '2025-01-02T12:30:00.000Z' }),
    ]);

    const oneMinute = await readNewestMatrixRows(store(), ['BTC/USD'], { timeframe: '1m' });
    const anyTimeframe = await readNewestMatrixRows(store(), ['BTC/USD']);

    expect(oneMinute.has('BTC/USD')).toBe(false);
    expect(anyTimeframe.get('BTC/USD')?.timeframe).toBe('5m');
  });
});
