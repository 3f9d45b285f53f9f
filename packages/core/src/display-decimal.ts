import { type Decimal, dec, HooklineDecimal } from './decimal.js';
import { toPlainString } from './decimal-format.js';

/**
 * How many digits a person is shown for one market: prices to the market's price increment, amounts to
 * its amount increment, money in the quote currency to `moneyStep` (0.01: every market here is quoted
 * in a fiat currency with cents), percentages to 0.01. Exact values stay in the database, in
 * `--json` output and in API answers asked for with `?exact=true`.
 */
export interface DisplayPrecision {
  readonly price: Decimal;
  readonly amount: Decimal;
  readonly money: Decimal;
  readonly percent: Decimal;
}

/** Money and percentages are shown to hundredths. */
export const MONEY_STEP: Decimal = dec('0.01');

/** The display precision of a market with these increments (Market.priceTick and Market.amountStep). */
export function forMarket(market: {
  readonly priceTick: Decimal;
  readonly amountStep: Decimal;
}): DisplayPrecision {
  return { price: market.priceTick, amount: market.amountStep, money: MONEY_STEP, percent: MONEY_STEP };
}

/**
 * The value rounded to the nearest multiple of `step`, half away from zero, with trailing zeros
 * trimmed and never in exponent notation (12.3456789 at 0.01 → "12.35"; 2.50 at 0.01 → "2.5"). A
 * step that is not positive leaves the value's digits as they are. Never "-0".
 */
export function displayDecimal(value: Decimal | string, step: Decimal | string): string {
  const exact = dec(value);
  const increment = dec(step);
  if (!increment.isFinite() || increment.lessThanOrEqualTo(0)) return toPlainString(exact);
  return toPlainString(exact.toNearest(increment, HooklineDecimal.ROUND_HALF_UP));
}
