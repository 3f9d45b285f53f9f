import { dec } from '@hookline/core';
import { defaultExitRuleSettings, type ExitRuleSettings } from '../../../src/exits/exit-settings.js';
import { decideExit } from '../../../src/exits/rules/decide-exit.js';
import type {
  ExitMarketView,
  ExitPositionView,
  ExitVerdict,
  TrailingState,
} from '../../../src/exits/rules/exit-types.js';

/** The evaluation time of every scenario. */
export const NOW = 1_700_000_000_000;
/** One hour before NOW: the default position's entry time. */
export const ENTRY = NOW - 3_600_000;

/** A BTC position of 0.5 at an average cost of 100 (hard stop 95, soft 97.5, activation 103.5). */
export function position(overrides: Partial<ExitPositionView> = {}): ExitPositionView {
  return {
    symbol: 'BTC/USD',
    amount: dec('0.5'),
    averageCost: dec('100'),
    entryTimeMs: ENTRY,
    hodl: false,
    dust: false,
    ...overrides,
  };
}

/** A fresh quote at `bid` (ask one cent above), ATR 1 from a minute ago, no signal. */
export function market(bid: string, overrides: Partial<ExitMarketView> = {}): ExitMarketView {
  return {
    bid: dec(bid),
    ask: dec(bid).plus('0.01'),
    quoteTimeMs: NOW - 1_000,
    atr: dec('1'),
    atrTimeMs: NOW - 60_000,
    signal: undefined,
    ...overrides,
  };
}

/** A signal of the latest matrix row, `ageMs` old. */
export function signal(action: 'BUY' | 'SELL' | 'HOLD', ageMs = 60_000): ExitMarketView['signal'] {
  return { action, computedAtMs: NOW - ageMs };
}

/** The defaults with some settings changed; decimals as strings. */
export function settings(
  overrides: Partial<Record<'takeProfitPct' | 'trailingStepAtr', string>> & { maxHoldMs?: number } = {},
): ExitRuleSettings {
  const { takeProfitPct, trailingStepAtr, maxHoldMs } = overrides;
  return {
    ...defaultExitRuleSettings,
    ...(takeProfitPct === undefined ? {} : { takeProfitPct: dec(takeProfitPct) }),
    ...(trailingStepAtr === undefined ? {} : { trailingStepAtr: dec(trailingStepAtr) }),
    ...(maxHoldMs === undefined ? {} : { maxHoldMs }),
  };
}

/** A trailing state of the default position; active with a stop when `stop` is given. */
export function trailing(peak: string, stop?: string): TrailingState {
  return {
    entryTimeMs: ENTRY,
    peakPrice: dec(peak),
    trailingActive: stop !== undefined,
    trailingStop: stop === undefined ? undefined : dec(stop),
  };
}

/** One scenario: everything decideExit takes, with defaults for what is not given. */
export interface Scenario {
  readonly position?: ExitPositionView;
  readonly state?: TrailingState;
  readonly market: ExitMarketView;
  readonly settings?: ExitRuleSettings;
}

/** Runs decideExit on a scenario at NOW. */
export function decide(scenario: Scenario): ExitVerdict {
  return decideExit(
    scenario.position ?? position(),
    scenario.state,
    scenario.market,
    scenario.settings ?? defaultExitRuleSettings,
    NOW,
  );
}

/** The verdict in one line: "EXIT HARD_STOP", "HOLD", "SKIP DUST SOFT_STOP", "SKIP STALE_DATA". */
export function outcome(verdict: ExitVerdict): string {
  if (verdict.kind === 'EXIT') return `EXIT ${verdict.reason}`;
  if (verdict.kind === 'HOLD') return 'HOLD';
  return verdict.wouldExit === undefined
    ? `SKIP ${verdict.code}`
    : `SKIP ${verdict.code} ${verdict.wouldExit}`;
}

/** The trailing stop of a verdict's state as a string, or "none". */
export function stopOf(verdict: ExitVerdict): string {
  return verdict.state.trailingStop?.toFixed() ?? 'none';
}
