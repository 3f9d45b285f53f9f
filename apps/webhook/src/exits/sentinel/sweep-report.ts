// What one sweep saw and did: returned by sweepOnce(), read by readiness, the replay and the backtest.
import type { Decimal } from '@hookline/core';
import type { CapOutcome } from '../position-cap.js';
import type { ProtectiveStopOutcome } from '../protective-stops/protective-stop-keeper.js';

/** What one sweep saw and did. */
export interface SweepReport {
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly positions: number;
  readonly exitsStarted: readonly string[];
  /** Exits the executor did not start, with its code (it recorded the decision). */
  readonly notSold: ReadonlyArray<{ readonly symbol: string; readonly code: string }>;
  readonly skipped: ReadonlyArray<{
    readonly symbol: string;
    readonly code: string;
    readonly wouldExit?: string;
  }>;
  /** Held symbols whose market data was stale (readiness goes red while any is). */
  readonly staleSymbols: readonly string[];
  readonly errors: ReadonlyArray<{ readonly symbol: string; readonly message: string }>;
  readonly cap: CapOutcome | undefined;
  /** What the protective-stop keeper decided per symbol (empty when protective stops are off). */
  readonly protectiveStops: readonly ProtectiveStopOutcome[];
  /** The trailing stop of each evaluated position that has one, as this sweep left it. */
  readonly trailingStops: ReadonlyArray<{ readonly symbol: string; readonly stop: Decimal }>;
  /** Milliseconds each step of the sweep took (a monotonic timer, not the injected clock). */
  readonly phaseMs: SweepPhases;
}

/**
 * The steps of a sweep, in order: drive the working exits, read the markets, load positions, states,
 * quotes and matrix rows, evaluate the rules, write the states that changed, start the exits, record
 * why the others were not sold, enforce the cap, keep the protective stops.
 */
export const SWEEP_PHASES = [
  'advance',
  'markets',
  'load',
  'evaluate',
  'persist',
  'act',
  'record',
  'cap',
  'stops',
] as const;

/** One figure per step of a sweep. */
export type SweepPhases = { -readonly [Phase in (typeof SWEEP_PHASES)[number]]: number };

/** The report while the sweep fills it in. */
export type SweepDraft = {
  -readonly [Key in keyof SweepReport]: SweepReport[Key] extends ReadonlyArray<infer Item>
    ? Item[]
    : SweepReport[Key];
};

/** An empty report started at `now`. */
export function emptySweepDraft(now: Date): SweepDraft {
  return {
    startedAt: now,
    finishedAt: now,
    positions: 0,
    exitsStarted: [],
    notSold: [],
    skipped: [],
    staleSymbols: [],
    errors: [],
    cap: undefined,
    protectiveStops: [],
    trailingStops: [],
    phaseMs: Object.fromEntries(SWEEP_PHASES.map((phase) => [phase, 0])) as SweepPhases,
  };
}
