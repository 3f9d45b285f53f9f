import { describe, expect, it } from 'vitest';
import { benchmarkMatrix } from '../sighook-matrix.js';

describe('benchmarkMatrix', () => {
  it('when run small then it reports every figure as a plain positive number', () => {
    const result = benchmarkMatrix({ symbols: 5, candles: 60, seed: 3 });
    expect(result.symbols).toBe(5);
    expect(result.candles_per_symbol).toBe(60);
    for (const figure of [result.cold_start_ms, result.one_candle_ms, result.rows_per_second]) {
      expect(Number.isFinite(figure)).toBe(true);
      expect(figure).toBeGreaterThan(0);
    }
  });
});
