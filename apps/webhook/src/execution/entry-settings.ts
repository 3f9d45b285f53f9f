// The one place entries are tuned from the configuration: pricing and sizing, the risk gate's limits
// (HOOKLINE_RISK_*), preflight's tolerance, and how long an entry waits for the start-up reconciliation.
import { type Decimal, dec } from '@hookline/core';
import { type Config, tradingAccountOf } from '@hookline/schemas';
import { pauseBriefly } from '../controls/entry-pause.js';
import {
  defaultPreflightOptions,
  defaultRiskLimits,
  type PreflightOptions,
  type RiskLimits,
} from '../rules/index.js';
import { openRiskControls, type RiskControls } from './risk-snapshot.js';

/** How entries are sized, priced and guarded. */
export interface EntrySettings {
  readonly account: string;
  /** A buy is priced at ask × (1 − offsetBps / 10 000). */
  readonly offsetBps: number;
  readonly postOnly: boolean;
  /** What is not filled this long after the intent is canceled. */
  readonly timeoutMs: number;
  /** The quote amount of an alert without a size. */
  readonly defaultSizeQuote: Decimal;
  readonly limits: RiskLimits;
  readonly preflight: PreflightOptions;
  /**
   * The operator's switches as they apply to an entry on `symbol`, read at every decision
   * (TradingControls: Redis, env, the guard file and the start-up reconciliation).
   */
  readonly controls: (symbol: string) => RiskControls | Promise<RiskControls>;
  /**
   * While the controls hold entries for the start-up reconciliation, an entry waits at most this long
   * from the alert's receipt, then is BLOCKED RECONCILIATION_PENDING.
   */
  readonly reconcileWaitMs: number;
  /**
   * One short pause of a waiting entry between two looks at the controls; rejects when the system
   * stops, so a stopping service does not sit on waiting jobs (they are retried by the next process).
   */
  readonly pauseEntry: () => Promise<void>;
}

/** The risk gate's limits from the validated configuration (HOOKLINE_RISK_*, HOOKLINE_MAX_OPEN_POSITIONS). */
export function riskLimitsFromConfig(config: Config): RiskLimits {
  const dailyLossAmount = config.HOOKLINE_RISK_DAILY_LOSS_AMOUNT;
  return {
    ...defaultRiskLimits,
    maxQuoteAgeMs: config.HOOKLINE_RISK_MAX_QUOTE_AGE_MS,
    dailyLossLimitPct: dec(config.HOOKLINE_RISK_DAILY_LOSS_PCT),
    dailyLossLimitAmount: dailyLossAmount === undefined ? undefined : dec(dailyLossAmount),
    maxOpenPositions: config.HOOKLINE_MAX_OPEN_POSITIONS,
    maxPositionPct: dec(config.HOOKLINE_RISK_MAX_POSITION_PCT),
    lossStreakLength: config.HOOKLINE_RISK_LOSS_STREAK_COUNT,
    lossStreakCooldownMs: config.HOOKLINE_RISK_LOSS_STREAK_COOLDOWN_MS,
    symbolCooldownMs: config.HOOKLINE_RISK_SYMBOL_COOLDOWN_MS,
    maxOrdersPerWindow: config.HOOKLINE_RISK_ORDER_RATE_PER_MINUTE,
    orderRateWindowMs: 60_000,
    maxSpreadBps: dec(config.HOOKLINE_RISK_MAX_SPREAD_BPS),
    maxImmediateLossPct: dec(config.HOOKLINE_RISK_MAX_IMMEDIATE_LOSS_PCT),
    maxAlertAgeMs: config.HOOKLINE_RISK_MAX_ALERT_AGE_MS,
    maxPriceDeviationPct: dec(config.HOOKLINE_RISK_MAX_PRICE_DEVIATION_PCT),
    minMomentum24hPct: optionalDec(config.HOOKLINE_RISK_MIN_MOMENTUM_24H_PCT),
    maxMomentum24hPct: optionalDec(config.HOOKLINE_RISK_MAX_MOMENTUM_24H_PCT),
  };
}

function optionalDec(text: string | undefined): Decimal | undefined {
  return text === undefined ? undefined : dec(text);
}

/** Preflight's settings from the validated configuration. */
export function preflightOptionsFromConfig(config: Config): PreflightOptions {
  return {
    ...defaultPreflightOptions,
    minNotionalBumpTolerancePct: dec(config.HOOKLINE_RISK_MIN_NOTIONAL_TOLERANCE_PCT),
    // Reserve the taker fee: an entry that crosses pays it.
    feePct: dec('0.6'),
  };
}

/** The entry settings from the validated configuration. */
export function entrySettingsFromConfig(config: Config): EntrySettings {
  return {
    account: tradingAccountOf(config),
    offsetBps: config.HOOKLINE_ENTRY_OFFSET_BPS,
    postOnly: config.HOOKLINE_ENTRY_POST_ONLY,
    timeoutMs: config.HOOKLINE_ENTRY_TIMEOUT_MS,
    defaultSizeQuote: dec(config.HOOKLINE_ENTRY_SIZE_USD),
    limits: riskLimitsFromConfig(config),
    preflight: preflightOptionsFromConfig(config),
    controls: () => openRiskControls,
    reconcileWaitMs: config.HOOKLINE_ENTRY_RECONCILE_WAIT_MS,
    pauseEntry: pauseBriefly,
  };
}
