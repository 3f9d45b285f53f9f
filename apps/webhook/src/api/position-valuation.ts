// Values an open position at the current bid. No fallback price ever: without a valid quote the
// price fields are null and `price_unavailable` says why; an old quote is shown but flagged stale.

import { type Decimal, toPlainString } from '@hookline/core';
import type { Ticker } from '@hookline/exchange';
import type { OpenPosition } from '@hookline/store';
import { quoteAgeMs } from '../rules/index.js';

/** One open position (open lots summed per account and symbol), valued. */
export interface ValuedPosition {
  readonly account: string;
  readonly symbol: string;
  readonly size: string;
  readonly cost_basis_usd: string;
  /** Cost per unit, buy fees included. */
  readonly average_cost: string;
  readonly lots: number;
  readonly bid: string | null;
  readonly price_time: string | null;
  readonly price_age_ms: number | null;
  readonly price_stale: boolean;
  readonly price_unavailable: string | null;
  readonly market_value_usd: string | null;
  readonly unrealized_pnl_usd: string | null;
  readonly unrealized_pnl_pct: string | null;
}

/** The summed lots of one account and symbol. */
export interface LotSum {
  readonly account: string;
  readonly symbol: string;
  readonly size: Decimal;
  readonly cost: Decimal;
  readonly lots: number;
}

/** Values `lots` at `quote` (a Ticker, or the reason there is none) at `now`. */
export function valuePosition(
  lots: LotSum,
  quote: Ticker | { readonly unavailable: string },
  now: Date,
  maxQuoteAgeMs: number,
): ValuedPosition {
  const base = {
    account: lots.account,
    symbol: lots.symbol,
    size: toPlainString(lots.size),
    cost_basis_usd: toPlainString(lots.cost.toDecimalPlaces(8)),
    average_cost: toPlainString(lots.cost.dividedBy(lots.size).toDecimalPlaces(8)),
    lots: lots.lots,
  };
  if ('unavailable' in quote || !quote.bid.isFinite() || quote.bid.lessThanOrEqualTo(0)) {
    return {
      ...base,
      bid: null,
      price_time: null,
      price_age_ms: null,
      price_stale: false,
      price_unavailable: 'unavailable' in quote ? quote.unavailable : 'the quote has no valid bid',
      market_value_usd: null,
      unrealized_pnl_usd: null,
      unrealized_pnl_pct: null,
    };
  }
  const ageMs = quoteAgeMs(quote, now);
  const value = lots.size.times(quote.bid);
  const pnl = value.minus(lots.cost);
  const pct = lots.cost.isZero() ? null : pnl.dividedBy(lots.cost).times(100);
  const olderTime = Math.min(quote.exchangeTime.getTime(), quote.receivedAt.getTime());
  return {
    ...base,
    bid: toPlainString(quote.bid),
    price_time: new Date(olderTime).toISOString(),
    price_age_ms: ageMs,
    price_stale: ageMs > maxQuoteAgeMs,
    price_unavailable: null,
    market_value_usd: toPlainString(value.toDecimalPlaces(8)),
    unrealized_pnl_usd: toPlainString(pnl.toDecimalPlaces(8)),
    unrealized_pnl_pct: pct === null ? null : toPlainString(pct.toDecimalPlaces(4)),
  };
}

/** The summed lots of an open position, as the valuation reads them. */
export function lotSumOf(row: OpenPosition): LotSum {
  return {
    account: row.account,
    symbol: row.symbol,
    size: row.amount,
    cost: row.costBasis,
    lots: row.lots,
  };
}
