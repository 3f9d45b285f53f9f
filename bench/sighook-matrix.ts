import { performance } from 'node:perf_hooks';
import type { Candle } from '@hookline/exchange';
import {
  computeMatrixRow,
  DEFAULT_MATRIX_SETTINGS,
  IndicatorSet,
  type MatrixSettings,
} from '@hookline/sighook';
import { seededUniform, syntheticCandles } from '../test/support/synthetic-candles.js';

/** Size of a matrix benchmark run. */
export interface MatrixBenchmarkOptions {
  readonly symbols?: number;
  readonly candles?: number;
  readonly seed?: number;
  readonly settings?: MatrixSettings;
}

/** Figures of one run (plain numbers, for `bench --json`). */
export interface MatrixBenchmarkResult {
  readonly symbols: number;
  readonly candles_per_symbol: number;
  /**
   * What sighook does at start for every symbol: build its IndicatorSet from the history and compute
   * its current row (candle generation not counted).
   */
  readonly cold_start_ms: number;
  /** One new candle for every symbol: update + score + row (target < 50 ms for 500 symbols). */
  readonly one_candle_ms: number;
  readonly rows_per_second: number;
}

const MINUTE_MS = 60_000;
// A fixed start keeps runs comparable; the benchmark never reads the clock for data.
const START_TIME_MS = Date.UTC(2024, 0, 1);

/**
 * Times the matrix: a cold start of `symbols` IndicatorSets from `candles` synthetic 1m candles each
 * (seeded, so every run computes the same numbers), then one new candle for every symbol.
 */
export function benchmarkMatrix(options: MatrixBenchmarkOptions = {}): MatrixBenchmarkResult {
  const symbols = options.symbols ?? 500;
  const candles = options.candles ?? 1_000;
  const settings = options.settings ?? DEFAULT_MATRIX_SETTINGS;
  const warm = coldStart(symbols, candles, settings, seededUniform(options.seed ?? 1));
  const computedAtMs = START_TIME_MS + (candles + 1) * MINUTE_MS;
  const started = performance.now();
  for (const [index, symbol] of warm.symbols.entries()) {
    symbol.set.update(symbol.next);
    computeMatrixRow(symbolName(index), '1m', symbol.set.snapshot(), settings, computedAtMs);
  }
  const oneCandleMs = performance.now() - started;
  return {
    symbols,
    candles_per_symbol: candles,
    cold_start_ms: round(warm.elapsedMs),
    one_candle_ms: round(oneCandleMs),
    rows_per_second: Math.round(symbols / (oneCandleMs / 1_000)),
  };
}

interface WarmSymbol {
  readonly set: IndicatorSet;
  /** The candle after the history, for the one-candle round. */
  readonly next: Candle;
}

function coldStart(symbols: number, candles: number, settings: MatrixSettings, uniform: () => number) {
  const warm: WarmSymbol[] = [];
  let elapsedMs = 0;
  for (let index = 0; index < symbols; index++) {
    // Generated per symbol and outside the timer: only the indicator work is measured, and memory
    // stays at one symbol's history rather than all 500 000 candles.
    const series = syntheticCandles({
      count: candles + 1,
      startTimeMs: START_TIME_MS,
      intervalMs: MINUTE_MS,
      startPrice: 10 + uniform() * 1_000,
      uniform,
    });
    const next = series.pop();
    if (!next) continue;
    const started = performance.now();
    const set = IndicatorSet.fromHistory(series, settings.periods);
    computeMatrixRow(symbolName(index), '1m', set.snapshot(), settings, START_TIME_MS + candles * MINUTE_MS);
    elapsedMs += performance.now() - started;
    warm.push({ set, next });
  }
  return { symbols: warm, elapsedMs };
}

function symbolName(index: number): string {
  return `SYM${index}/USD`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
