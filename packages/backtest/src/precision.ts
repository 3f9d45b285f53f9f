import { type Decimal, dec } from '@hookline/core';

/**
 * Decimal places kept for averages of money (expectancy, average pnl): a division such as 10 / 3 does
 * not terminate, so the report rounds it here (half to even) and every later reading sees the same value.
 */
export const AVERAGE_DECIMALS = 8;

/** Decimal places every ratio (winRate, *Pct, profitFactor, sharpe, sortino, calmar) is printed with in JSON. */
export const RATIO_DECIMALS = 6;

/** total / count rounded to AVERAGE_DECIMALS (half to even). */
export function average(total: Decimal, count: number): Decimal {
  // Core's Decimal rounds half to even by default, which toDecimalPlaces uses when given no mode.
  return dec(total).dividedBy(count).toDecimalPlaces(AVERAGE_DECIMALS);
}

/** part / whole × 100 (computed to 60 significant digits). */
export function percentOf(part: Decimal, whole: Decimal): Decimal {
  return dec(part).times(100).dividedBy(whole);
}
