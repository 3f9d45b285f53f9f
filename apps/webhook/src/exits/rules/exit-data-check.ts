import type { Decimal } from '@hookline/core';
import type { ExitRuleSettings } from '../exit-settings.js';
import type { ExitMarketView, ExitPositionView } from './exit-types.js';

/** Why a position's data cannot be evaluated (recorded with its STALE_DATA verdict). */
export type ExitDataProblem =
  | 'QUOTE_TOO_OLD'
  | 'INVALID_BID'
  | 'INVALID_ASK'
  | 'CROSSED_QUOTE'
  | 'INVALID_AVERAGE_COST';

/**
 * The first problem with the data, or undefined when it can be evaluated. No rule runs on bad
 * data, not even the hard stop: a stop fired by a zero bid or a stale quote sells at a price that
 * is not there. A quote stamped after now (clock skew) counts as fresh, as in the risk gate; a
 * locked book (ask = bid) is valid, a crossed one (ask < bid) is not. A cost basis of zero (an
 * airdrop) has no P&L %, so it is not evaluated either.
 */
export function exitDataProblem(
  position: ExitPositionView,
  market: ExitMarketView,
  settings: ExitRuleSettings,
  nowMs: number,
): ExitDataProblem | undefined {
  // Written as !(age <= max) so that a NaN time is stale, not fresh.
  if (!(nowMs - market.quoteTimeMs <= settings.maxQuoteAgeMs)) return 'QUOTE_TOO_OLD';
  if (!isPositive(market.bid)) return 'INVALID_BID';
  if (!isPositive(market.ask)) return 'INVALID_ASK';
  if (market.ask.lessThan(market.bid)) return 'CROSSED_QUOTE';
  if (!isPositive(position.averageCost)) return 'INVALID_AVERAGE_COST';
  return undefined;
}

// Sign and digit checks instead of greaterThan(0), which would allocate a Decimal per call.
function isPositive(value: Decimal): boolean {
  return value.isFinite() && value.isPositive() && !value.isZero();
}
