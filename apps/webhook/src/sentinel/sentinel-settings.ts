// Everything the exit sentinel is tuned by, read once from the validated configuration.
import { dec } from '@hookline/core';
import type { Config } from '@hookline/schemas';
import { type ExitExecutionSettings, exitExecutionSettingsFromConfig } from '../exits/exit-settings.js';
import { defaultExitRuleSettings, type ExitRuleSettings } from '../rules/index.js';

/** How often the loop sweeps and how long its leader lease lasts. */
export interface SentinelLoopSettings {
  readonly intervalMs: number;
  /** Renewed at every sweep, so it must outlast the longest sweep (default 10 s for a 3 s loop). */
  readonly leaseTtlMs: number;
}

/** The position cap (architecture.md "Position cap"). */
export interface PositionCapSettings {
  /** Open positions allowed (dust and HODL excluded). */
  readonly maxOpenPositions: number;
  /** After a cap sell, how long before the next look at the exchange. */
  readonly waitMs: number;
  /** Sell cycles before trading is HALTED (architecture.md: 3). */
  readonly maxCycles: number;
}

/** How often a sell that does not happen is recorded and retried. */
export interface WhyNotSoldSettings {
  /** The same (symbol, code, would-be exit) is recorded again at most this often. */
  readonly repeatMs: number;
  /** First retry of an exit the executor did not start; doubles per refusal up to repeatMs. */
  readonly firstRetryMs: number;
}

/** The sentinel's complete settings. */
export interface SentinelSettings {
  readonly account: string;
  readonly rules: ExitRuleSettings;
  readonly execution: ExitExecutionSettings;
  readonly loop: SentinelLoopSettings;
  readonly cap: PositionCapSettings;
  readonly whyNotSold: WhyNotSoldSettings;
  /** Base assets never sold automatically (upper case). */
  readonly hodlAssets: ReadonlySet<string>;
}

/** Recorded at most once per 5 minutes while nothing changes. */
const WHY_NOT_SOLD_REPEAT_MS = 5 * 60_000;

/** The sentinel's settings from the validated configuration (decimal texts become Decimals). */
export function sentinelSettingsFromConfig(config: Config): SentinelSettings {
  const intervalMs = config.HOOKLINE_SENTINEL_INTERVAL_MS;
  const maxHoldMinutes = config.HOOKLINE_MAX_HOLD_MINUTES;
  const takeProfit = config.HOOKLINE_TAKE_PROFIT_PCT;
  return {
    account: config.HOOKLINE_ACCOUNT,
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
      maxSignalAgeMs: config.HOOKLINE_SIGNAL_MAX_AGE_MS,
    },
    execution: exitExecutionSettingsFromConfig(config),
    loop: { intervalMs, leaseTtlMs: config.HOOKLINE_SENTINEL_LEASE_TTL_MS },
    cap: {
      maxOpenPositions: config.HOOKLINE_MAX_OPEN_POSITIONS,
      waitMs: config.HOOKLINE_POSITION_CAP_WAIT_MS,
      maxCycles: 3,
    },
    whyNotSold: { repeatMs: WHY_NOT_SOLD_REPEAT_MS, firstRetryMs: Math.max(10 * intervalMs, 1_000) },
    hodlAssets: new Set(config.HOOKLINE_HODL_ASSETS.map((asset) => asset.toUpperCase())),
  };
}
