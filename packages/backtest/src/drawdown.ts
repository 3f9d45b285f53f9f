import { type Decimal, dec, ZERO } from '@hookline/core';
import { percentOf } from './precision.js';
import type { DrawdownPoint, EquityPoint } from './types.js';

/** The drawdown curve and its extremes. */
export interface DrawdownStats {
  readonly curve: DrawdownPoint[];
  readonly maxDrawdown: Decimal;
  readonly maxDrawdownPct: Decimal;
  readonly maxDrawdownDurationMs: number;
}

/**
 * The curve is read as starting at initialEquity at the open of the first candle (first time −
 * timeframeMs); the running peak starts there.
 * - drawdown at a point = peak − equity (≥ 0, exact); drawdownPct = drawdown / peak × 100.
 * - maxDrawdown and maxDrawdownPct are the largest of each, taken separately (they can fall on
 *   different points when the peak moves).
 * - a drawdown period runs from the time its peak was set to the first later point whose equity is
 *   back at or above that peak; one never recovered runs until the last point. maxDrawdownDuration is
 *   the longest such period in ms (0 when equity never falls below its peak).
 */
export function drawdowns(
  initialEquity: Decimal,
  equityCurve: readonly EquityPoint[],
  timeframeMs: number,
): DrawdownStats {
  const first = equityCurve[0];
  if (!first) return { curve: [], maxDrawdown: ZERO, maxDrawdownPct: ZERO, maxDrawdownDurationMs: 0 };
  let peak = dec(initialEquity);
  let peakTime = first.time.getTime() - timeframeMs;
  let underwater = false;
  let longest = 0;
  let maxDrawdown = ZERO;
  let maxDrawdownPct = ZERO;
  const curve: DrawdownPoint[] = [];
  for (const point of equityCurve) {
    const equity = dec(point.equity);
    const time = point.time.getTime();
    if (equity.greaterThanOrEqualTo(peak)) {
      if (underwater) longest = Math.max(longest, time - peakTime);
      underwater = false;
      peak = equity;
      peakTime = time;
      curve.push({ time: point.time, drawdown: ZERO, drawdownPct: ZERO });
      continue;
    }
    underwater = true;
    const drawdown = peak.minus(equity);
    const drawdownPct = percentOf(drawdown, peak);
    if (drawdown.greaterThan(maxDrawdown)) maxDrawdown = drawdown;
    if (drawdownPct.greaterThan(maxDrawdownPct)) maxDrawdownPct = drawdownPct;
    curve.push({ time: point.time, drawdown, drawdownPct });
  }
  const last = equityCurve[equityCurve.length - 1] ?? first;
  if (underwater) longest = Math.max(longest, last.time.getTime() - peakTime);
  return { curve, maxDrawdown, maxDrawdownPct, maxDrawdownDurationMs: longest };
}
