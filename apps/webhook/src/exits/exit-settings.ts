// How exit orders are priced, timed and escalated (architecture.md "Exit execution").
import type { Config } from '@hookline/schemas';

/** The exit executor's tuning; durations in milliseconds, offsets in basis points. */
export interface ExitExecutionSettings {
  readonly account: string;
  /** An exit LIMIT is priced at bid × (1 + this / 10 000): just above the bid, so it rests as the best ask. */
  readonly limitOffsetBps: number;
  /** A resting exit LIMIT not filled this long after it was sent is canceled and re-priced. */
  readonly timeoutMs: number;
  /** LIMIT attempts (the first order and its re-prices) before an IOC at the bid, then MARKET. */
  readonly repriceAttempts: number;
  /** The hard stop's IOC ladder: one IOC at bid − each step (bps), then MARKET for the remainder. */
  readonly hardStopLadderBps: readonly number[];
}

/** The documented defaults (HOOKLINE_EXIT_* and HOOKLINE_HARD_STOP_LADDER_BPS in .env.example). */
export const defaultExitExecutionSettings: ExitExecutionSettings = Object.freeze({
  account: 'default',
  limitOffsetBps: 1,
  timeoutMs: 30_000,
  repriceAttempts: 3,
  hardStopLadderBps: Object.freeze([0, 5, 10, 15]),
});

/** The exit execution settings from the validated configuration. */
export function exitExecutionSettingsFromConfig(config: Config): ExitExecutionSettings {
  return {
    account: config.HOOKLINE_ACCOUNT,
    limitOffsetBps: config.HOOKLINE_EXIT_PRICE_OFFSET_BPS,
    timeoutMs: config.HOOKLINE_EXIT_TIMEOUT_MS,
    repriceAttempts: config.HOOKLINE_EXIT_REPRICE_ATTEMPTS,
    hardStopLadderBps: config.HOOKLINE_HARD_STOP_LADDER_BPS,
  };
}
