import type { MatrixRow } from '@hookline/schemas';

/** A complete, valid matrix row for BTC/USD on the 12:00 candle, computed a minute later. */
export function matrixRow(overrides: Partial<MatrixRow> = {}): MatrixRow {
  return {
    symbol: 'BTC/USD',
    timeframe: '1m',
    candle_time: '2025-01-02T12:00:00.000Z',
    computed_at: '2025-01-02T12:01:00.000Z',
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

/** The row of the candle `minutes` after 12:00, computed when that candle closed. */
export function rowOfMinute(minutes: number, overrides: Partial<MatrixRow> = {}): MatrixRow {
  const candleMs = Date.UTC(2025, 0, 2, 12, minutes);
  return matrixRow({
    candle_time: new Date(candleMs).toISOString(),
    computed_at: new Date(candleMs + 60_000).toISOString(),
    ...overrides,
  });
}
