/** Look-back of every indicator in candles (and the Bollinger width in standard deviations). */
export interface IndicatorPeriods {
  readonly rsi: number;
  readonly macdFast: number;
  readonly macdSlow: number;
  readonly macdSignal: number;
  readonly bollinger: number;
  readonly bollingerDeviations: number;
  readonly atr: number;
  readonly roc: number;
  readonly emaFast: number;
  readonly emaSlow: number;
  readonly volume: number;
}

/**
 * The textbook defaults: Wilder's RSI(14) and ATR(14), Appel's MACD(12, 26, 9), Bollinger's (20, 2),
 * ROC(10) as StockCharts shows it, a 9/21 EMA cross (a common short-term pair) and a 20-candle
 * volume baseline (about a month of daily candles, as relative-volume screens use).
 */
export const DEFAULT_INDICATOR_PERIODS: IndicatorPeriods = Object.freeze({
  rsi: 14,
  macdFast: 12,
  macdSlow: 26,
  macdSignal: 9,
  bollinger: 20,
  bollingerDeviations: 2,
  atr: 14,
  roc: 10,
  emaFast: 9,
  emaSlow: 21,
  volume: 20,
});

/** Candles needed before every indicator has a value (the MACD signal line needs the most). */
export function warmUpCandles(periods: IndicatorPeriods): number {
  return Math.max(
    periods.rsi + 1,
    periods.macdSlow + periods.macdSignal - 1,
    periods.bollinger,
    periods.atr,
    periods.roc + 1,
    periods.emaFast,
    periods.emaSlow,
    periods.volume + 1,
  );
}

/** Every problem with a set of periods (empty = usable), so configuration errors are listed at once. */
export function indicatorPeriodProblems(periods: IndicatorPeriods): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(periods)) {
    if (!(Number.isFinite(value) && value > 0)) problems.push(`${name} must be above 0, got ${value}`);
    else if (name !== 'bollingerDeviations' && !Number.isInteger(value)) {
      problems.push(`${name} must be a whole number of candles, got ${value}`);
    }
  }
  if (periods.macdFast >= periods.macdSlow) {
    problems.push(`the MACD fast period (${periods.macdFast}) must be below the slow (${periods.macdSlow})`);
  }
  if (periods.emaFast >= periods.emaSlow) {
    problems.push(`the fast EMA period (${periods.emaFast}) must be below the slow (${periods.emaSlow})`);
  }
  return problems;
}
