// The open positions as the dashboard shows them: valued at the bid of the quote cache (the sentinel's
// own quotes, so a thousand positions cost no REST read each), with the stop levels the exit rules
// work with: the hard and soft stops below the average cost, and the trailing stop once it is armed.
import { type Decimal, toPlainString } from '@hookline/core';
import { PositionStateStore, readOpenPositions } from '@hookline/store';
import type { ApiOptions, DashboardSources } from './api-options.js';
import { lotSumOf, type ValuedPosition, valuePosition } from './position-valuation.js';

/** One open position, valued, with its stop levels. */
export interface LivePosition extends ValuedPosition {
  /** averageCost × (1 − HOOKLINE_HARD_STOP_PCT/100). */
  readonly hard_stop_price: string | null;
  /** averageCost × (1 − HOOKLINE_SOFT_STOP_PCT/100). */
  readonly soft_stop_price: string | null;
  /** The sentinel's trailing stop, once trailing is active; null before. */
  readonly trailing_stop_price: string | null;
  /** The highest bid the sentinel has seen since entry (the trailing stop's peak). */
  readonly peak_price: string | null;
}

/** The sources a valuation needs. */
export type LivePositionSources = Pick<ApiOptions, 'store' | 'clock' | 'limits'> &
  Pick<DashboardSources, 'quotes' | 'stops'>;

/** The open positions of `account` (one symbol when given), valued now. */
export async function readLivePositions(
  sources: LivePositionSources,
  account: string,
  symbol?: string,
): Promise<LivePosition[]> {
  const [rows, states] = await Promise.all([
    readOpenPositions(sources.store, { account, ...(symbol === undefined ? {} : { symbol }) }),
    new PositionStateStore(sources.store).load(account),
  ]);
  const quotes =
    rows.length === 0 ? new Map() : await sources.quotes.readQuotes(rows.map((row) => row.symbol));
  const now = sources.clock.now();
  return rows.map((row) => {
    const quote = quotes.get(row.symbol);
    const valued = valuePosition(
      lotSumOf(row),
      quote === undefined || typeof quote === 'string' ? { unavailable: quote ?? 'no quote yet' } : quote,
      now,
      sources.limits.maxQuoteAgeMs,
    );
    const trailing = states.get(row.symbol)?.trailing;
    const current = trailing !== undefined && trailing.entryTimeMs === row.entryTimeMs ? trailing : undefined;
    return {
      ...valued,
      hard_stop_price: below(row.averageCost, sources.stops.hardStopPct),
      soft_stop_price: below(row.averageCost, sources.stops.softStopPct),
      trailing_stop_price:
        current?.trailingActive === true && current.trailingStop !== undefined
          ? toPlainString(current.trailingStop)
          : null,
      peak_price: current === undefined ? null : toPlainString(current.peakPrice),
    };
  });
}

function below(price: Decimal, pct: Decimal): string | null {
  if (!price.isFinite() || price.lessThanOrEqualTo(0)) return null;
  return toPlainString(price.times(pct.dividedBy(100).negated().plus(1)).toDecimalPlaces(8));
}
