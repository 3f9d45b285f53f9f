import { matrixRowSchema } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';
import { IndicatorSet } from '../../src/indicators/indicator-set.js';
import { computeMatrixFromCandleCsv, inferCandleTimeframe } from '../../src/matrix/candle-csv-matrix.js';
import { computeMatrixRow } from '../../src/matrix/matrix-row.js';
import { DEFAULT_MATRIX_SETTINGS } from '../../src/matrix/matrix-settings.js';
import { fixtureCandles, fixtureText } from '../indicators/fixture-candles.js';

// matrix-btc-1h.csv: 60 hourly candles, a 40-hour slide then a 20-hour recovery whose last candle
// trades three times the usual volume. At the end MACD, the EMA cross and ROC vote BUY (2.5), the
// volume spike confirms (+0.5 = 3, the threshold) and RSI 87.9 votes SELL (1): BUY.
const FIXTURE = 'matrix-btc-1h.csv';
const LAST_ROW = {
  symbol: 'BTC/USD',
  timeframe: '1h',
  candle_time: '2024-03-03T11:00:00.000Z',
  computed_at: '2024-03-03T12:00:00.000Z',
  indicators: {
    rsi: '87.9312648918',
    macd: '487.37389841',
    macd_signal: '325.559742856',
    macd_histogram: '161.814155554',
    bb_upper: '64722.012165',
    bb_middle: '63105.759',
    bb_lower: '61489.505835',
    atr: '202.877155558',
    roc: '2.0676098498',
    ema_fast: '63879.9387078',
    ema_slow: '63330.7346419',
    volume_ratio: '3.20793257567',
  },
  buy_score: '3',
  sell_score: '1',
  action: 'BUY',
  atr: '202.877155558',
};
const options = { symbol: 'BTC/USD', settings: DEFAULT_MATRIX_SETTINGS };

describe('computeMatrixFromCandleCsv', () => {
  it('when the fixture is computed then the one row is the documented row of its last candle', () => {
    const rows = computeMatrixFromCandleCsv(fixtureText(FIXTURE), options);
    expect(rows).toEqual([LAST_ROW]);
    expect(matrixRowSchema.parse(rows[0])).toEqual(LAST_ROW);
  });

  it('when all rows are asked for then there is one per candle, warm-up rows hold with nulls', () => {
    const rows = computeMatrixFromCandleCsv(fixtureText(FIXTURE), { ...options, rows: 'all' });
    expect(rows).toHaveLength(60);
    expect(rows[0]?.indicators.rsi).toBeNull();
    expect(rows[0]?.computed_at).toBe('2024-03-01T01:00:00.000Z');
    expect(rows.slice(0, 33).every((row) => row.action === 'HOLD')).toBe(true);
    expect(rows[32]?.indicators.macd_signal).toBeNull();
    expect(rows[33]?.indicators.macd_signal).not.toBeNull();
    expect(rows.at(-1)).toEqual(LAST_ROW);
  });

  it('when computed offline then each row equals what the live path computes for that candle', () => {
    const candles = fixtureCandles(FIXTURE);
    const rows = computeMatrixFromCandleCsv(fixtureText(FIXTURE), { ...options, rows: 'all' });
    const set = new IndicatorSet();
    for (const [index, candle] of candles.entries()) {
      set.update(candle);
      const closeMs = candle.openTime.getTime() + 3_600_000;
      expect(rows[index]).toEqual(
        computeMatrixRow('BTC/USD', '1h', set.snapshot(), DEFAULT_MATRIX_SETTINGS, closeMs),
      );
    }
  });

  it('when a line is malformed then the error names that line', () => {
    const lines = fixtureText(FIXTURE).split('\n');
    lines[7] = '2024-03-01T06:00:00Z,64000,63000,64100,64050,12';
    expect(() => computeMatrixFromCandleCsv(lines.join('\n'), options)).toThrow(/line 8/);
    lines[7] = '2024-03-01T06:00:00Z,64000,64200,63900,abc,12';
    expect(() => computeMatrixFromCandleCsv(lines.join('\n'), options)).toThrow(/line 8: close "abc"/);
  });

  it('when a candle time repeats then the error names the repeating line', () => {
    const lines = fixtureText(FIXTURE).split('\n');
    lines[4] = lines[3] ?? '';
    expect(() => computeMatrixFromCandleCsv(lines.join('\n'), options)).toThrow(
      /line 5: candle time repeats/,
    );
  });

  it('when the file has only a header then there is no row', () => {
    expect(computeMatrixFromCandleCsv('time,open,high,low,close,volume\n', options)).toEqual([]);
  });

  it('when the timeframe is given then it overrides the inferred one', () => {
    const [row] = computeMatrixFromCandleCsv(fixtureText(FIXTURE), { ...options, timeframe: '1m' });
    expect(row?.timeframe).toBe('1m');
    expect(row?.computed_at).toBe('2024-03-03T11:01:00.000Z');
  });
});

describe('inferCandleTimeframe', () => {
  it.each([
    [[0, 60_000, 180_000], '1m'],
    [[0, 3_600_000, 7_200_000], '1h'],
    [[0, 86_400_000], '1d'],
  ] as const)('when the candles are %j ms apart then the timeframe is %s', (times, timeframe) => {
    expect(inferCandleTimeframe(times.map((timeMs) => ({ timeMs })))).toBe(timeframe);
  });

  it.each([
    [[0], 'none'],
    [[0, 120_000], '120000 ms'],
  ])('when the gaps are %j then it asks for the timeframe', (times, detail) => {
    expect(() => inferCandleTimeframe(times.map((timeMs) => ({ timeMs })))).toThrow(detail);
  });
});
