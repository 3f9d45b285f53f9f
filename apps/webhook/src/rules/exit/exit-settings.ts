import { type Decimal, dec } from '@hookline/core';

/**
 * The exit sentinel's thresholds. Percentages are percent numbers as Decimal (5 = 5 %). The config
 * parser validates them (positive percentages, trailingAtrMultiplier > 0, trailingMinPct ≤
 * trailingMaxPct); the rules do not re-check, but never throw on odd values either.
 */
export interface ExitRuleSettings {
  /** Emergency exit when P&L ≤ −hardStopPct. */
  readonly hardStopPct: Decimal;
  /** Ordinary stop-loss when P&L ≤ −softStopPct. */
  readonly softStopPct: Decimal;
  /** The trailing stop arms once P&L ≥ trailingActivationPct. */
  readonly trailingActivationPct: Decimal;
  /** Distance of the trailing stop below the peak, in ATRs (before the clamp). */
  readonly trailingAtrMultiplier: Decimal;
  /** The distance is at least trailingMinPct % of the peak. */
  readonly trailingMinPct: Decimal;
  /** The distance is at most trailingMaxPct % of the peak. */
  readonly trailingMaxPct: Decimal;
  /** The stop is raised only in steps of at least trailingStepAtr × ATR. */
  readonly trailingStepAtr: Decimal;
  /** Take profit when P&L ≥ takeProfitPct; undefined = off. */
  readonly takeProfitPct: Decimal | undefined;
  /** Exit when held longer than maxHoldMs; undefined = off. */
  readonly maxHoldMs: number | undefined;
  /** A quote older than this is stale: no evaluation. */
  readonly maxQuoteAgeMs: number;
  /** A matrix row (signal and ATR) older than this is ignored. */
  readonly maxSignalAgeMs: number;
}

/** The documented defaults (architecture.md, "Exit sentinel"). */
export const defaultExitRuleSettings: ExitRuleSettings = Object.freeze({
  hardStopPct: dec('5'),
  softStopPct: dec('2.5'),
  trailingActivationPct: dec('3.5'),
  trailingAtrMultiplier: dec('2'),
  trailingMinPct: dec('1'),
  trailingMaxPct: dec('2'),
  trailingStepAtr: dec('0.5'),
  takeProfitPct: undefined,
  maxHoldMs: undefined,
  maxQuoteAgeMs: 15_000,
  maxSignalAgeMs: 900_000,
});
