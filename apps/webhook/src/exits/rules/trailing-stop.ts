import type { Decimal } from '@hookline/core';
import type { ExitRuleSettings } from '../exit-settings.js';
import { type ExitFactors, exitFactors } from './exit-factors.js';
import type { ExitMarketView, TrailingState } from './exit-types.js';

/** How far below the peak the trailing stop sits now, and the ATR that measured it. */
export interface TrailingDistance {
  /** trailingAtrMultiplier × ATR, clamped to [trailingMinPct, trailingMaxPct] % of the peak. */
  readonly distance: Decimal;
  /** The ATR used: the matrix's, or distance / trailingAtrMultiplier when falling back. */
  readonly atr: Decimal;
  /** True when the matrix ATR was missing, stale or not positive. */
  readonly atrFallback: boolean;
  /** The smallest raise of the stop that is taken: trailingStepAtr × atr. */
  readonly minimumRaise: Decimal;
}

/** The state after one evaluation, and whether it differs from the one before. */
export interface TrailingUpdate {
  readonly state: TrailingState;
  readonly changed: boolean;
}

/** True when the matrix ATR is a positive number from a row at most maxSignalAgeMs old. */
export function isAtrFresh(market: ExitMarketView, settings: ExitRuleSettings, nowMs: number): boolean {
  const { atr, atrTimeMs } = market;
  if (atr === undefined || atrTimeMs === undefined) return false;
  // Sign and digit checks rather than greaterThan(0), which allocates; a NaN age is not fresh.
  return nowMs - atrTimeMs <= settings.maxSignalAgeMs && atr.isFinite() && atr.isPositive() && !atr.isZero();
}

/**
 * The distance of the stop below `peak`. Without a usable ATR the widest allowed stop is used
 * (trailingMaxPct % of the peak): a guess must not be tighter than the config allows. The effective
 * ATR is then that distance / trailingAtrMultiplier, so the step rule keeps the same meaning.
 */
export function trailingDistance(
  peak: Decimal,
  market: ExitMarketView,
  settings: ExitRuleSettings,
  nowMs: number,
): TrailingDistance {
  const factors = exitFactors(settings);
  const widest = peak.times(factors.maxDistance);
  if (market.atr === undefined || !isAtrFresh(market, settings, nowMs)) {
    const atr = widest.times(factors.inverseMultiplier);
    return { distance: widest, atr, atrFallback: true, minimumRaise: atr.times(settings.trailingStepAtr) };
  }
  const atr = market.atr;
  const narrowest = peak.times(factors.minDistance);
  const raw = atr.times(settings.trailingAtrMultiplier);
  const distance = raw.greaterThan(widest) ? widest : raw.lessThan(narrowest) ? narrowest : raw;
  return { distance, atr, atrFallback: false, minimumRaise: atr.times(settings.trailingStepAtr) };
}

/**
 * One evaluation's update of the trailing state at `bid` (a valid, fresh bid above zero): the peak
 * follows the bid up; trailing activates when the bid reaches averageCost × (1 + activation %);
 * on activation the stop is peak − distance; afterwards it only rises, and only by at least the
 * minimum raise, so small wiggles of the peak do not re-price the stop every 3 s.
 */
export function advanceTrailing(
  previous: TrailingState,
  bid: Decimal,
  averageCost: Decimal,
  market: ExitMarketView,
  settings: ExitRuleSettings,
  nowMs: number,
): TrailingUpdate {
  const peakRaised = bid.greaterThan(previous.peakPrice);
  const peakPrice = peakRaised ? bid : previous.peakPrice;
  const active = previous.trailingActive || activates(bid, averageCost, exitFactors(settings));
  if (!active) {
    return peakRaised
      ? { state: { ...previous, peakPrice }, changed: true }
      : { state: previous, changed: false };
  }
  const trailingStop = nextStop(previous.trailingStop, peakPrice, market, settings, nowMs);
  const changed = peakRaised || !previous.trailingActive || trailingStop !== previous.trailingStop;
  if (!changed) return { state: previous, changed };
  return {
    state: { entryTimeMs: previous.entryTimeMs, peakPrice, trailingActive: true, trailingStop },
    changed,
  };
}

function activates(bid: Decimal, averageCost: Decimal, factors: ExitFactors): boolean {
  return bid.greaterThanOrEqualTo(averageCost.times(factors.activation));
}

// The stop to keep: the candidate on activation (or if an active state lost its stop), otherwise
// the current stop unless the candidate is above it by at least the minimum raise. Never lower.
function nextStop(
  current: Decimal | undefined,
  peak: Decimal,
  market: ExitMarketView,
  settings: ExitRuleSettings,
  nowMs: number,
): Decimal {
  const { distance, minimumRaise } = trailingDistance(peak, market, settings, nowMs);
  const candidate = peak.minus(distance);
  if (current === undefined) return candidate;
  if (!candidate.greaterThan(current)) return current;
  return candidate.minus(current).greaterThanOrEqualTo(minimumRaise) ? candidate : current;
}
