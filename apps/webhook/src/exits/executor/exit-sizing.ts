// How much an exit sells now: what the exchange lets us sell (available, after our cancels) capped at
// what is left of the position, truncated to the market's step. Pure.
import { type Decimal, min, quantizeDown, toPlainString } from '@hookline/core';
import type { Market } from '@hookline/exchange';

/** What the exit can sell now. */
export type ExitSizing =
  /** Sell `amount` (on the step, above the market's minimums). */
  | { readonly kind: 'SELL'; readonly amount: Decimal }
  /** Nothing of the position is left to sell. */
  | { readonly kind: 'NONE_LEFT' }
  /** The exchange shows none of the asset available (held by other orders, or gone). */
  | { readonly kind: 'NOTHING_AVAILABLE'; readonly message: string }
  /** What is left cannot be sold: below the minimum size or notional (recorded, never retried). */
  | { readonly kind: 'DUST'; readonly amount: Decimal; readonly message: string };

/** What the sizing reads. */
export interface ExitSizingInput {
  /** The base asset's available balance on the exchange (never the total: orders reserve the rest). */
  readonly available: Decimal;
  /** What is left of the position to sell (never sell more than the position). */
  readonly remaining: Decimal;
  readonly market: Market;
  /** Values the amount against the minimum notional. */
  readonly bid: Decimal;
}

/** Sizes the next exit order (see ExitSizing). */
export function sizeExit(input: ExitSizingInput): ExitSizing {
  const { available, remaining, market, bid } = input;
  if (!remaining.greaterThan(0)) return { kind: 'NONE_LEFT' };
  if (!available.greaterThan(0)) {
    return { kind: 'NOTHING_AVAILABLE', message: `no ${market.base} is available to sell on the exchange` };
  }
  const wanted = min(available, remaining);
  const amount = quantizeDown(wanted, market.amountStep);
  const notional = amount.times(bid);
  const problem = amount.isZero()
    ? `it truncates to zero at step ${toPlainString(market.amountStep)}`
    : amount.lessThan(market.minAmount)
      ? `below the minimum size ${toPlainString(market.minAmount)}`
      : notional.lessThan(market.minNotional)
        ? `worth ${toPlainString(notional)}, below the minimum notional ${toPlainString(market.minNotional)}`
        : undefined;
  if (problem !== undefined) {
    return {
      kind: 'DUST',
      amount: wanted,
      message: `${toPlainString(wanted)} ${market.base} is dust: ${problem}`,
    };
  }
  return { kind: 'SELL', amount };
}

/** How much a user's sell asks for: base units, or a value in the quote currency. */
export interface UserSellSize {
  readonly unit: 'base' | 'quote';
  /** Positive. */
  readonly amount: Decimal;
}

/**
 * What a user's sell sets out to sell, before the market's step: its size in base units (a quote
 * value is converted at the bid), capped at the position. A size beyond the position sells the whole
 * position, never more. No size: the whole position. Pure.
 */
export function userSellTarget(position: Decimal, size: UserSellSize | undefined, bid: Decimal): Decimal {
  return size === undefined ? position : min(position, userSellAsked(size, bid));
}

/** A user's sell size in base units: a quote value is worth amount / bid of the coin. Pure. */
export function userSellAsked(size: UserSellSize, bid: Decimal): Decimal {
  return size.unit === 'base' ? size.amount : size.amount.dividedBy(bid);
}
