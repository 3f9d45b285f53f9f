import { dec, toPlainString } from '@hookline/core';
import type { MatrixIndicators } from '@hookline/schemas';
import type { IndicatorValues } from './indicator-snapshot.js';

/**
 * Significant digits kept when an indicator leaves as decimal text. A double holds 15–17; the
 * library's running sums lose a few, so 12 keeps every real digit and drops float noise
 * (0.30000000000000004 → 0.3), which also makes the text identical across machines and runs.
 */
export const INDICATOR_SIGNIFICANT_DIGITS = 12;

/** A finite number as plain decimal text with 12 significant digits (never exponent notation). */
export function indicatorText(value: number): string {
  const text = value.toPrecision(INDICATOR_SIGNIFICANT_DIGITS);
  // toPrecision answers "1.50000000000e-7" for tiny or huge values: dec() reads that and
  // toPlainString writes 0.00000015. The common case is trimmed as text, 12 values × 500 symbols
  // per candle being the matrix's hottest loop.
  if (text.includes('e')) return toPlainString(dec(text));
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}

/** The indicator values as the matrix contract carries them (decimal text, null while warming up). */
export function toMatrixIndicators(values: IndicatorValues): MatrixIndicators {
  const text = (value: number | null): string | null => (value === null ? null : indicatorText(value));
  return {
    rsi: text(values.rsi),
    macd: text(values.macd),
    macd_signal: text(values.macd_signal),
    macd_histogram: text(values.macd_histogram),
    bb_upper: text(values.bb_upper),
    bb_middle: text(values.bb_middle),
    bb_lower: text(values.bb_lower),
    atr: text(values.atr),
    roc: text(values.roc),
    ema_fast: text(values.ema_fast),
    ema_slow: text(values.ema_slow),
    volume_ratio: text(values.volume_ratio),
  };
}
