// Everything the exits are tuned by, read once from the validated configuration: the exit rules'
// thresholds, how exit orders are priced and escalated, the sentinel's loop, the position cap and
// how often a sell that does not happen is recorded and retried.
import { type Decimal, dec } from '@hookline/core';
import { type Config, tradingAccountOf } from '@hookline/schemas';
import {
  type ProtectiveStopSettings,
  protectiveStopSettingsFromConfig,
} from './protective-stops/protective-stop-settings.js';

/**
 * The exit sentinel's thresholds. Percentages are percent numbers as Decimal (5 = 5 %). parseConfig
 * checks them with the rules between keys (packages/schemas/src/config-rules.ts: percentages above 0,
 * softStopPct < hardStopPct < 100, trailingAtrMultiplier > 0, trailingMinPct ≤ trailingMaxPct < 100,
 * 0 < trailingStepAtr < trailingAtrMultiplier, takeProfitPct < trailingActivationPct); the rules do not
 * re-check, but never throw on odd values either.
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

/** The documented defaults (docs/architecture.md, "Exit sentinel"). */
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

/** How exit orders are priced, timed and escalated (docs/architecture.md, "Exit execution"); durations in milliseconds, offsets in basis points. */
export interface ExitExecutionSettings {
  readonly account: string;
  /** An exit LIMIT is priced at bid × (1 + this / 10 000): just above the bid, so it rests as the best ask. */
  readonly limitOffsetBps: number;
  /** A resting exit LIMIT not filled this long after it was sent is canceled and re-priced. */
  readonly timeoutMs: number;
  /** LIMIT attempts (the first order and its re-prices) before an IOC at the bid, then MARKET. */
  readonly repriceAttempts: number;
  /** The hard stop's IOC ladder: one IOC at bid − each step (bps), then the ladder's end (below). */
  readonly hardStopLadderBps: readonly number[];
  /**
   * The most an exit may give up, in percent of its reference price (the bid when it started): no
   * order is priced below reference × (1 − cap / 100). Per exit kind; every kind not named is `other`.
   */
  readonly maxSlippagePct: ExitSlippageCaps;
  /**
   * false: an exit never sends a MARKET order; past its limit rungs it repeats an IOC at its floor,
   * and while the bid is below the floor it waits. true: MARKET orders (at most MARKET_ATTEMPTS) end
   * the ladder and replace a rung whose book is beyond the cap.
   */
  readonly allowMarket: boolean;
}

/** The slippage cap of each exit kind, in percent (3 = 3 %). */
export interface ExitSlippageCaps {
  readonly hardStop: Decimal;
  readonly emergency: Decimal;
  readonly other: Decimal;
}

/** The documented defaults (HOOKLINE_EXIT_* and HOOKLINE_HARD_STOP_LADDER_BPS in .env.example). */
export const defaultExitExecutionSettings: ExitExecutionSettings = Object.freeze({
  account: 'default',
  limitOffsetBps: 1,
  timeoutMs: 30_000,
  repriceAttempts: 3,
  hardStopLadderBps: Object.freeze([0, 5, 10, 15]),
  maxSlippagePct: Object.freeze({ hardStop: dec('3'), emergency: dec('3'), other: dec('1') }),
  allowMarket: false,
});

/** How often the loop sweeps and how long its leader lease lasts. */
export interface SentinelLoopSettings {
  readonly intervalMs: number;
  /** Renewed at every sweep, so it must outlast the longest sweep (default 10 s for a 3 s loop). */
  readonly leaseTtlMs: number;
}

/** The position cap (docs/architecture.md, "Position cap"). */
export interface PositionCapSettings {
  /** Open positions allowed (dust and HODL excluded). */
  readonly maxOpenPositions: number;
  /** After a cap sell, how long before the next look at the exchange. */
  readonly waitMs: number;
  /** Sell cycles before trading is HALTED (docs/architecture.md: 3). */
  readonly maxCycles: number;
}

/** How often a sell that does not happen is recorded and retried. */
export interface WhyNotSoldSettings {
  /** The same (symbol, code, would-be exit) is recorded again at most this often. */
  readonly repeatMs: number;
  /** First retry of an exit the executor did not start; doubles per refusal up to repeatMs. */
  readonly firstRetryMs: number;
}

/** The exits' complete settings. */
export interface ExitSettings {
  readonly account: string;
  readonly rules: ExitRuleSettings;
  readonly execution: ExitExecutionSettings;
  readonly loop: SentinelLoopSettings;
  readonly cap: PositionCapSettings;
  readonly whyNotSold: WhyNotSoldSettings;
  /** Base assets never sold automatically (upper case). */
  readonly hodlAssets: ReadonlySet<string>;
  /** Exchange-resident stops at the hard-stop level; absent = off (tests that build settings by hand). */
  readonly protectiveStops?: ProtectiveStopSettings;
}

/** Recorded at most once per 5 minutes while nothing changes. */
const WHY_NOT_SOLD_REPEAT_MS = 5 * 60_000;

/** The exits' settings from the validated configuration (decimal texts become Decimals). */
export function exitSettingsFromConfig(config: Config): ExitSettings {
  const intervalMs = config.HOOKLINE_SENTINEL_INTERVAL_MS;
  const maxHoldMinutes = config.HOOKLINE_MAX_HOLD_MINUTES;
  const takeProfit = config.HOOKLINE_TAKE_PROFIT_PCT;
  return {
    account: tradingAccountOf(config),
    rules: {
      ...defaultExitRuleSettings,
      hardStopPct: dec(config.HOOKLINE_HARD_STOP_PCT),
      softStopPct: dec(config.HOOKLINE_SOFT_STOP_PCT),
      trailingActivationPct: dec(config.HOOKLINE_TRAILING_ACTIVATION_PCT),
      trailingAtrMultiplier: dec(config.HOOKLINE_TRAILING_ATR_MULTIPLIER),
      trailingMinPct: dec(config.HOOKLINE_TRAILING_MIN_PCT),
      trailingMaxPct: dec(config.HOOKLINE_TRAILING_MAX_PCT),
      trailingStepAtr: dec(config.HOOKLINE_TRAILING_STEP_ATR),
      takeProfitPct: takeProfit === undefined ? undefined : dec(takeProfit),
      maxHoldMs: maxHoldMinutes === undefined ? undefined : maxHoldMinutes * 60_000,
      maxQuoteAgeMs: config.HOOKLINE_RISK_MAX_QUOTE_AGE_MS,
      maxSignalAgeMs: config.HOOKLINE_SIGNAL_MAX_AGE_MS,
    },
    execution: {
      account: tradingAccountOf(config),
      limitOffsetBps: config.HOOKLINE_EXIT_PRICE_OFFSET_BPS,
      timeoutMs: config.HOOKLINE_EXIT_TIMEOUT_MS,
      repriceAttempts: config.HOOKLINE_EXIT_REPRICE_ATTEMPTS,
      hardStopLadderBps: config.HOOKLINE_HARD_STOP_LADDER_BPS,
      maxSlippagePct: {
        hardStop: dec(config.HOOKLINE_EXIT_MAX_SLIPPAGE_PCT_HARD_STOP),
        emergency: dec(config.HOOKLINE_EXIT_MAX_SLIPPAGE_PCT_EMERGENCY),
        other: dec(config.HOOKLINE_EXIT_MAX_SLIPPAGE_PCT),
      },
      allowMarket: config.HOOKLINE_EXIT_ALLOW_MARKET,
    },
    loop: { intervalMs, leaseTtlMs: config.HOOKLINE_SENTINEL_LEASE_TTL_MS },
    cap: {
      maxOpenPositions: config.HOOKLINE_MAX_OPEN_POSITIONS,
      waitMs: config.HOOKLINE_POSITION_CAP_WAIT_MS,
      maxCycles: 3,
    },
    whyNotSold: { repeatMs: WHY_NOT_SOLD_REPEAT_MS, firstRetryMs: Math.max(10 * intervalMs, 1_000) },
    hodlAssets: new Set(config.HOOKLINE_HODL_ASSETS.map((asset) => asset.toUpperCase())),
    protectiveStops: protectiveStopSettingsFromConfig(config),
  };
}
