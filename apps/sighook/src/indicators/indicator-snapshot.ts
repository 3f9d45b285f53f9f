/**
 * Indicator values after the latest closed candle, as JS numbers (the library's own type); null = that
 * indicator has not seen enough candles yet. Named like the matrix contract's `indicators`.
 */
export interface IndicatorValues {
  readonly rsi: number | null;
  readonly macd: number | null;
  readonly macd_signal: number | null;
  readonly macd_histogram: number | null;
  readonly bb_upper: number | null;
  readonly bb_middle: number | null;
  readonly bb_lower: number | null;
  /** Average true range in price units. */
  readonly atr: number | null;
  /** Rate of change in percent (StockCharts' convention: 2.5 = +2.5 %). */
  readonly roc: number | null;
  readonly ema_fast: number | null;
  readonly ema_slow: number | null;
  /** The candle's volume divided by the average volume of the candles before it. */
  readonly volume_ratio: number | null;
}

/** What an IndicatorSet knows after its latest candle. */
export interface IndicatorSnapshot {
  /** Open time (ms since the epoch, UTC) of the latest candle. */
  readonly candleTimeMs: number;
  /** Close of the latest candle (Bollinger scoring compares it with the bands). */
  readonly close: number;
  /** Candles seen since the set was created. */
  readonly candleCount: number;
  readonly values: IndicatorValues;
}
