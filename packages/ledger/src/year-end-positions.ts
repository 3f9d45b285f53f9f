// Open positions at a tax year's end: the engine replays the fills executed on or before Dec 31
// (calendar day in the tax timezone) and what is left in its lots is the year-end inventory, per
// account and asset. Valued only at prices the user gives; an asset without one is `unknown`,
// never guessed.
import { type Decimal, dec, sum, toPlainString, ZERO } from '@hookline/core';
import { calendarDayIn, yearOf } from './calendar-date.js';
import { FifoEngine } from './fifo-engine.js';
import type { LedgerOptions } from './ledger-options.js';
import { sortIntoProcessingOrder } from './processing-order.js';
import type { LedgerFill } from './types.js';

/** One account's holding of one asset at the year's end. */
export interface YearEndPosition {
  readonly account: string;
  readonly asset: string;
  readonly quantity: string;
  readonly cost_basis_usd: string;
  /** The price given for the asset, or `unknown`. */
  readonly price_usd: string;
  /** quantity × price, or `unknown` without a price. */
  readonly value_usd: string;
  /** value − cost basis, or `unknown` without a price. */
  readonly unrealised_gain_usd: string;
}

/** The positions left after the fills up to the end of `year` (fills in any order). */
export function yearEndPositions(
  fills: readonly LedgerFill[],
  options: { year: number; timezone: string; prices: ReadonlyMap<string, Decimal>; ledger?: LedgerOptions },
): YearEndPosition[] {
  const dayOf = calendarDayIn(options.timezone);
  const engine = new FifoEngine({ timezone: options.timezone, ...options.ledger });
  for (const fill of sortIntoProcessingOrder(fills))
    if (yearOf(dayOf(fill.executedAt)) <= options.year) engine.apply(fill);
  const held = new Map<string, { account: string; asset: string; quantity: Decimal; cost: Decimal }>();
  for (const lot of engine.allOpenLots()) {
    const key = `${lot.account}\u0000${lot.asset}`;
    const position = held.get(key) ?? { account: lot.account, asset: lot.asset, quantity: ZERO, cost: ZERO };
    held.set(key, {
      ...position,
      quantity: position.quantity.plus(lot.remainingSize),
      cost: sum([position.cost, dec(lot.remainingSize).times(lot.price), dec(lot.remainingFeeUsd)]),
    });
  }
  return [...held.values()]
    .sort((a, b) => (a.account + a.asset < b.account + b.asset ? -1 : 1))
    .map((position) => {
      const price = options.prices.get(position.asset);
      const value = price?.times(position.quantity);
      return {
        account: position.account,
        asset: position.asset,
        quantity: toPlainString(position.quantity),
        cost_basis_usd: toPlainString(position.cost),
        price_usd: price ? toPlainString(price) : 'unknown',
        value_usd: value ? toPlainString(value) : 'unknown',
        unrealised_gain_usd: value ? toPlainString(value.minus(position.cost)) : 'unknown',
      };
    });
}
