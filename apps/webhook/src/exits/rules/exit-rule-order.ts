import type { Decimal } from '@hookline/core';
import type { ExitRuleSettings } from '../exit-settings.js';
import type { ExitFactors } from './exit-factors.js';
import type { ExitMarketView, ExitPositionView, ExitRuleReason, TrailingState } from './exit-types.js';

/** What every exit rule reads: a valid fresh bid, the position, and the state already updated. */
export interface ExitRuleContext {
  readonly bid: Decimal;
  readonly position: ExitPositionView;
  readonly market: ExitMarketView;
  readonly state: TrailingState;
  readonly settings: ExitRuleSettings;
  readonly factors: ExitFactors;
  readonly nowMs: number;
  /** bid < averageCost, computed once: the stops fire only below the cost, profit rules only above. */
  readonly belowCost: boolean;
}

/** One exit rule: fires or not. */
interface ExitRule {
  readonly reason: ExitRuleReason;
  readonly fires: (context: ExitRuleContext) => boolean;
}

/** True when the matrix row's signal is SELL and at most maxSignalAgeMs old. */
export function isFreshSell(market: ExitMarketView, settings: ExitRuleSettings, nowMs: number): boolean {
  const signal = market.signal;
  return (
    signal !== undefined && signal.action === 'SELL' && nowMs - signal.computedAtMs <= settings.maxSignalAgeMs
  );
}

/**
 * The rules in priority order (docs/architecture.md, "Exit sentinel"); the first that fires wins.
 * While trailing is active (activated now or before), take-profit and the sell signal are ignored:
 * the trailing stop is then the position's profit exit. TTL still applies, because holding time
 * is a budget of its own that no price rule can stand in for. The `belowCost` guards only skip
 * multiplications: with the positive percentages the config requires, a stop level is below the
 * cost and a profit level above it, so the guard never changes an outcome.
 */
const exitRuleOrder: readonly ExitRule[] = [
  {
    reason: 'HARD_STOP',
    fires: (c) => c.belowCost && c.bid.lessThanOrEqualTo(c.position.averageCost.times(c.factors.hardStop)),
  },
  {
    reason: 'SOFT_STOP',
    fires: (c) => c.belowCost && c.bid.lessThanOrEqualTo(c.position.averageCost.times(c.factors.softStop)),
  },
  {
    reason: 'TRAILING_STOP',
    fires: (c) =>
      c.state.trailingActive &&
      c.state.trailingStop !== undefined &&
      c.bid.lessThanOrEqualTo(c.state.trailingStop),
  },
  {
    reason: 'TAKE_PROFIT',
    fires: (c) =>
      !c.state.trailingActive &&
      !c.belowCost &&
      c.factors.takeProfit !== undefined &&
      c.bid.greaterThanOrEqualTo(c.position.averageCost.times(c.factors.takeProfit)),
  },
  {
    // Only at P&L ≥ 0: a sell signal is no reason to realise a loss the stops have not asked for.
    reason: 'SIGNAL_EXIT',
    fires: (c) => !c.state.trailingActive && !c.belowCost && isFreshSell(c.market, c.settings, c.nowMs),
  },
  {
    reason: 'TTL',
    fires: (c) =>
      c.settings.maxHoldMs !== undefined && c.nowMs - c.position.entryTimeMs > c.settings.maxHoldMs,
  },
];

/** The first rule that fires, or undefined when none does. */
export function firstFiringRule(context: ExitRuleContext): ExitRuleReason | undefined {
  for (const rule of exitRuleOrder) {
    if (rule.fires(context)) return rule.reason;
  }
  return undefined;
}
