import { type Decimal, dec } from '@hookline/core';
import type { EquityPoint } from './types.js';

/** The year used to annualise: 365 days of 24 h (crypto trades every day). */
export const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** The return-based ratios of the summary. */
export interface ReturnStats {
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly calmar: number | null;
}

// Square roots and powers have no exact decimal form, so these ratios are computed with JS numbers.
// They are deterministic: each return comes from an exact decimal quotient converted once, sums run in
// curve order, and Math.sqrt is correctly rounded (IEEE 754); only Math.pow (calmar) is left to the
// engine, which is why the report prints every ratio with RATIO_DECIMALS fixed decimals.

/**
 * r_i = E_i / E_(i−1) − 1 for each equity point, with E_0 = initialEquity (so one return per candle).
 * null when an equity a return would divide by is 0 or negative (the ratio means nothing then).
 */
export function periodReturns(initialEquity: Decimal, equityCurve: readonly EquityPoint[]): number[] | null {
  const returns: number[] = [];
  let previous = dec(initialEquity);
  for (const point of equityCurve) {
    if (!previous.greaterThan(0)) return null;
    const equity = dec(point.equity);
    returns.push(equity.dividedBy(previous).minus(1).toNumber());
    previous = equity;
  }
  return returns;
}

/**
 * With r the per-candle returns (n of them), P = YEAR_MS / timeframeMs periods per year, risk-free 0:
 * - sharpe = mean(r) / stdev(r) × √P, stdev the sample one (divides by n − 1);
 * - sortino = mean(r) / dd × √P, dd = √(Σ min(r_i, 0)² / n) over all n periods (target 0);
 * - calmar = annualised return % / maxDrawdownPct, annualised return = ((E_n / E_0)^(P / n) − 1) × 100.
 * Each is null when undefined: fewer than two returns, stdev 0 or all returns equal (flat equity) for
 * sharpe, no negative return for sortino, maxDrawdownPct 0 or no candle for calmar, or a non-positive
 * equity in the curve for all three; any of them is also null when it is not a finite number
 * (an annualised return of a very short run can overflow).
 */
export function returnStats(
  initialEquity: Decimal,
  equityCurve: readonly EquityPoint[],
  timeframeMs: number,
  maxDrawdownPct: Decimal,
): ReturnStats {
  const returns = periodReturns(initialEquity, equityCurve);
  if (returns === null) return { sharpe: null, sortino: null, calmar: null };
  const periods = YEAR_MS / timeframeMs;
  return {
    sharpe: sharpe(returns, periods),
    sortino: sortino(returns, periods),
    calmar: calmar(initialEquity, equityCurve, periods, maxDrawdownPct),
  };
}

function mean(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

function sharpe(returns: readonly number[], periods: number): number | null {
  if (returns.length < 2 || returns.every((value) => value === returns[0])) return null;
  const average = mean(returns);
  let squares = 0;
  for (const value of returns) squares += (value - average) ** 2;
  const stdev = Math.sqrt(squares / (returns.length - 1));
  return stdev === 0 ? null : finite((average / stdev) * Math.sqrt(periods));
}

function sortino(returns: readonly number[], periods: number): number | null {
  if (returns.length < 2) return null;
  let squares = 0;
  for (const value of returns) if (value < 0) squares += value * value;
  const downside = Math.sqrt(squares / returns.length);
  return downside === 0 ? null : finite((mean(returns) / downside) * Math.sqrt(periods));
}

function calmar(
  initialEquity: Decimal,
  equityCurve: readonly EquityPoint[],
  periods: number,
  maxDrawdownPct: Decimal,
): number | null {
  const last = equityCurve[equityCurve.length - 1];
  if (!last || maxDrawdownPct.isZero()) return null;
  const growth = dec(last.equity).dividedBy(initialEquity).toNumber();
  const annualisedPct = (growth ** (periods / equityCurve.length) - 1) * 100;
  return finite(annualisedPct / maxDrawdownPct.toNumber());
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
