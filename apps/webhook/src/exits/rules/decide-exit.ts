import { ZERO } from '@hookline/core';
import type { ExitRuleSettings } from '../exit-settings.js';
import { exitDataProblem } from './exit-data-check.js';
import { exitFactors } from './exit-factors.js';
import { evaluatedInputs, holdInputs, staleInputs } from './exit-inputs.js';
import { firstFiringRule } from './exit-rule-order.js';
import type {
  ExitMarketView,
  ExitPositionView,
  ExitRuleReason,
  ExitVerdict,
  TrailingState,
} from './exit-types.js';
import { advanceTrailing } from './trailing-stop.js';

/**
 * Pure: the exit decision for one position now. `state` undefined is the first evaluation; a state
 * started for another entry time belongs to an earlier position on the symbol and is discarded
 * (a leftover active stop must not sell a new position at once). A new state starts with
 * peak = ZERO, so the first valid bid becomes the peak: the peak is the highest bid the sentinel
 * has seen, and since trailing only activates above the cost, where it starts changes no decision.
 * On stale or invalid data nothing is evaluated and the state is returned unchanged.
 */
export function decideExit(
  position: ExitPositionView,
  state: TrailingState | undefined,
  market: ExitMarketView,
  settings: ExitRuleSettings,
  nowMs: number,
): ExitVerdict {
  const carried = state !== undefined && state.entryTimeMs === position.entryTimeMs;
  const previous = carried ? state : initialTrailingState(position);
  const problem = exitDataProblem(position, market, settings, nowMs);
  if (problem !== undefined) {
    const inputs = () =>
      staleInputs({ position, market, state: previous, settings, nowMs, rule: undefined }, problem);
    return withInputs(
      { kind: 'SKIP', code: 'STALE_DATA', wouldExit: undefined, state: previous, stateChanged: false },
      inputs,
    );
  }
  const bid = market.bid;
  const update = advanceTrailing(previous, bid, position.averageCost, market, settings, nowMs);
  const next = update.state;
  const stateChanged = update.changed || !carried;
  const factors = exitFactors(settings);
  const belowCost = bid.lessThan(position.averageCost);
  const rule = firstFiringRule({ bid, position, market, state: next, settings, factors, nowMs, belowCost });
  // A HOLD's inputs are read only when someone records or prints them: built then, not every tick.
  if (rule === undefined)
    return withInputs({ kind: 'HOLD', state: next, stateChanged }, () => holdInputs(bid, next));
  const inputs = () => evaluatedInputs({ position, market, state: next, settings, nowMs, rule });
  return withInputs(firedVerdict(position, rule, next, stateChanged), inputs);
}

/** The state of a position the sentinel has not evaluated yet. */
export function initialTrailingState(position: ExitPositionView): TrailingState {
  return {
    entryTimeMs: position.entryTimeMs,
    peakPrice: ZERO,
    trailingActive: false,
    trailingStop: undefined,
  };
}

type WithoutInputs<V> = V extends unknown ? Omit<V, 'inputs'> : never;

// HODL wins over dust: the owner's "never sell" is the stronger statement of the two.
function firedVerdict(
  position: ExitPositionView,
  rule: ExitRuleReason,
  state: TrailingState,
  stateChanged: boolean,
): WithoutInputs<ExitVerdict> {
  if (position.hodl) return { kind: 'SKIP', code: 'HODL_ASSET', wouldExit: rule, state, stateChanged };
  if (position.dust) return { kind: 'SKIP', code: 'DUST', wouldExit: rule, state, stateChanged };
  return { kind: 'EXIT', reason: rule, state, stateChanged };
}

// The full inputs (a few dozen decimal-to-text conversions) are built when first read: a sweep reads
// them only for the verdicts it records, and records a repeated skip once, not every 3 s.
function withInputs(verdict: WithoutInputs<ExitVerdict>, build: () => ExitVerdict['inputs']): ExitVerdict {
  let cached: ExitVerdict['inputs'] | undefined;
  return Object.defineProperty(verdict, 'inputs', {
    enumerable: true,
    get: () => {
      cached ??= build();
      return cached;
    },
  }) as ExitVerdict;
}
