import type { Decimal } from '@hookline/core';
import { decimalInput } from '../json-inputs.js';
import type { Quote } from './risk-state.js';
import { pass, type RuleResult, refuse } from './risk-verdict.js';

/** The 24 h momentum filter's bounds in percent (−5 means −5 %); undefined: that side is off. */
export interface MomentumBounds {
  readonly minPct: Decimal | undefined;
  readonly maxPct: Decimal | undefined;
}

/**
 * The symbol's price change over the last 24 hours (from the exchange's ticker) must be at least
 * minPct and at most maxPct; exactly at a bound passes. Off (both undefined) it passes and says so.
 * On, a quote without a 24 h change refuses: the filter cannot vouch for an entry it cannot see.
 */
export function checkMomentum24h(
  symbol: string,
  quote: Quote | undefined,
  bounds: MomentumBounds,
): RuleResult {
  const { minPct, maxPct } = bounds;
  const change = quote?.change24hPct;
  const inputs = {
    symbol,
    change24hPct: change === undefined ? null : decimalInput(change),
    minMomentum24hPct: minPct === undefined ? null : decimalInput(minPct),
    maxMomentum24hPct: maxPct === undefined ? null : decimalInput(maxPct),
  };
  if (minPct === undefined && maxPct === undefined) {
    return pass({ ...inputs, note: 'the momentum filter is off' });
  }
  if (change === undefined || !change.isFinite()) {
    return refuse(
      'MOMENTUM_FILTER',
      `the ${symbol} 24 h change is not known (the exchange's ticker has none), so the momentum filter blocks the entry`,
      inputs,
    );
  }
  if (minPct !== undefined && change.lessThan(minPct)) {
    return refuse(
      'MOMENTUM_FILTER',
      `the ${symbol} 24 h change is ${shown(change)}%, below the minimum ${decimalInput(minPct)}%`,
      inputs,
    );
  }
  if (maxPct !== undefined && change.greaterThan(maxPct)) {
    return refuse(
      'MOMENTUM_FILTER',
      `the ${symbol} 24 h change is ${shown(change)}%, above the maximum ${decimalInput(maxPct)}%`,
      inputs,
    );
  }
  return pass(inputs);
}

// Changes are shown to 4 decimal places in messages (the inputs keep every digit).
function shown(value: Decimal): string {
  return decimalInput(value.toDecimalPlaces(4));
}
