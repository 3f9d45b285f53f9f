import { type Decimal, dec, quantizeToTick, toFixedString } from '@hookline/core';
import type { Market } from '@hookline/exchange';
import { decimalInput } from '../json-inputs.js';

/** The bumped amount, or why the order stays below the minimum notional. */
export type BumpResult =
  | { readonly bumped: true; readonly amount: Decimal }
  | {
      readonly bumped: false;
      readonly reason: 'BELOW_MIN_NOTIONAL' | 'MIN_NOTIONAL_BUMP_TOO_LARGE';
      readonly message: string;
      readonly bumpedAmount: string | null;
    };

/**
 * The smallest amount on the step whose value at `price` reaches the minimum notional. Rounding up
 * is right here (it is the one place an amount goes up): the aim is to reach a minimum, and the
 * result is still a multiple of the step. The extra step guards the division's rounding at digit 60.
 */
export function amountForMinNotional(price: Decimal, market: Market): Decimal {
  const amount = quantizeToTick(dec(market.minNotional).dividedBy(price), market.amountStep, 'up');
  return amount.times(price).lessThan(market.minNotional) ? amount.plus(market.amountStep) : amount;
}

/**
 * Raises a buy that is below the minimum notional to it when the raise adds at most tolerancePct of
 * its value (a 0.95 USD order to 1.00 USD is what the user meant; 0.50 to 1.00 is not). A tolerance
 * of zero turns bumping off and the refusal is BELOW_MIN_NOTIONAL; beyond the tolerance it is
 * MIN_NOTIONAL_BUMP_TOO_LARGE, naming both values.
 */
export function bumpToMinNotional(
  price: Decimal,
  amount: Decimal,
  market: Market,
  tolerancePct: Decimal,
): BumpResult {
  const notional = price.times(amount);
  const text = { notional: decimalInput(notional), minNotional: decimalInput(market.minNotional) };
  if (!tolerancePct.greaterThan(0)) {
    const message = `the order value ${text.notional} is below the minimum notional ${text.minNotional}`;
    return { bumped: false, reason: 'BELOW_MIN_NOTIONAL', message, bumpedAmount: null };
  }
  const bumpedAmount = amountForMinNotional(price, market);
  const bumpedNotional = price.times(bumpedAmount);
  const ceiling = notional.times(dec(100).plus(tolerancePct)).dividedBy(100);
  if (bumpedNotional.lessThanOrEqualTo(ceiling)) return { bumped: true, amount: bumpedAmount };
  // amount and price are positive here (preflight checked), so notional is too.
  const added = toFixedString(bumpedNotional.minus(notional).times(100).dividedBy(notional), 2);
  const message =
    `the order value ${text.notional} is below the minimum notional ${text.minNotional}; raising it to ` +
    `${decimalInput(bumpedNotional)} would add ${added}% (tolerance ${decimalInput(tolerancePct)}%)`;
  return {
    bumped: false,
    reason: 'MIN_NOTIONAL_BUMP_TOO_LARGE',
    message,
    bumpedAmount: decimalInput(bumpedAmount),
  };
}
