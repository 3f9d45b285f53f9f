// How a backtest's orders meet the market beyond the paper exchange's book (spread, levels, fees):
// what share of each candle's traded volume they may take, and how long an order travels.
import { type Decimal, dec } from '@hookline/core';
import type { PaperExchangeOptions } from '@hookline/exchange';

/** The backtest's fill limits. */
export interface BacktestFillModel {
  /**
   * Our orders take at most this share of a candle's volume (spread evenly over its four path
   * points); the rest of an order stays working for later candles. Undefined: the book's levels alone.
   */
  readonly maxVolumeShare: Decimal | undefined;
  /** An order placed at t meets the market from t + this on: the next path point at the earliest. */
  readonly latencyMs: number;
}

/** 10 % of the volume, no latency: what `backtest` uses unless told otherwise. */
export const defaultFillModel: BacktestFillModel = { maxVolumeShare: dec('0.1'), latencyMs: 0 };

/** The paper exchange's options for the model. */
export function paperFillOptions(model: BacktestFillModel): Partial<PaperExchangeOptions> {
  return {
    matchDelayMs: model.latencyMs,
    ...(model.maxVolumeShare === undefined ? {} : { book: { maxVolumeShare: model.maxVolumeShare } }),
  };
}
