// The pure middle of a sweep: every position through the exit rules, no I/O, no clock but `nowMs`.
// Kept apart so the benchmark can time it alone (target: 10,000 positions in under 30 ms).
import type { ExitRuleSettings } from '../exit-settings.js';
import { decideExit } from './decide-exit.js';
import type { ExitMarketView, ExitPositionView, ExitVerdict, TrailingState } from './exit-types.js';

/** One position with what the rules read about it. */
export interface PositionEvaluationInput {
  readonly position: ExitPositionView;
  /** The stored state; undefined for a position the sentinel has not seen yet. */
  readonly state: TrailingState | undefined;
  /** undefined when no quote could be read for the symbol (the ticker request failed): stale. */
  readonly market: ExitMarketView | undefined;
  /** Why there is no market view (recorded with the STALE_DATA decision). */
  readonly marketProblem?: string;
}

/** The rules' verdict on one position, or the error evaluating it threw. */
export type PositionEvaluation =
  | { readonly symbol: string; readonly verdict: ExitVerdict; readonly error?: undefined }
  | { readonly symbol: string; readonly verdict?: undefined; readonly error: unknown };

/**
 * Runs decideExit over every position. A position whose rules throw yields its error and the others
 * are still evaluated; a position without a quote is STALE_DATA without running any rule.
 */
export function evaluatePositions(
  inputs: readonly PositionEvaluationInput[],
  settings: ExitRuleSettings,
  nowMs: number,
): PositionEvaluation[] {
  const results: PositionEvaluation[] = new Array(inputs.length);
  for (let index = 0; index < inputs.length; index += 1) {
    const input = inputs[index] as PositionEvaluationInput;
    const symbol = input.position.symbol;
    try {
      const verdict =
        input.market === undefined
          ? unquoted(input)
          : decideExit(input.position, input.state, input.market, settings, nowMs);
      results[index] = { symbol, verdict };
    } catch (error) {
      results[index] = { symbol, error };
    }
  }
  return results;
}

// No quote at all: nothing to evaluate and nothing to change (the stored state stays as it was).
function unquoted(input: PositionEvaluationInput): ExitVerdict {
  const { position } = input;
  const state: TrailingState = input.state ?? {
    entryTimeMs: position.entryTimeMs,
    peakPrice: position.averageCost,
    trailingActive: false,
    trailingStop: undefined,
  };
  return {
    kind: 'SKIP',
    code: 'STALE_DATA',
    wouldExit: undefined,
    state,
    stateChanged: false,
    inputs: { problem: 'QUOTE_UNAVAILABLE', detail: input.marketProblem ?? 'no quote' },
  };
}
