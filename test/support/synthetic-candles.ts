import { dec } from '@hookline/core';
import type { Candle } from '@hookline/exchange';

/** A seeded source of uniform numbers in [0, 1) (mulberry32): the same seed gives the same candles. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Where a synthetic series starts and how it moves. */
export interface SyntheticCandleSpec {
  readonly count: number;
  readonly startTimeMs: number;
  readonly intervalMs: number;
  readonly startPrice: number;
  readonly uniform: () => number;
}

/**
 * A random walk of valid candles (low ≤ open, close ≤ high) for benchmarks and tests; not a market
 * model. Prices carry 4 decimals and volumes 3, so every value is an exact Decimal.
 */
export function syntheticCandles(spec: SyntheticCandleSpec): Candle[] {
  const candles: Candle[] = [];
  let price = spec.startPrice;
  for (let index = 0; index < spec.count; index++) {
    const open = price;
    const close = Math.max(0.0001, open * (1 + (spec.uniform() - 0.5) * 0.02));
    const high = Math.max(open, close) * (1 + spec.uniform() * 0.005);
    const low = Math.min(open, close) * (1 - spec.uniform() * 0.005);
    candles.push({
      openTime: new Date(spec.startTimeMs + index * spec.intervalMs),
      open: dec(open.toFixed(4)),
      high: dec(high.toFixed(4)),
      low: dec(low.toFixed(4)),
      close: dec(close.toFixed(4)),
      volume: dec((10 + spec.uniform() * 90).toFixed(3)),
    });
    price = close;
  }
  return candles;
}
