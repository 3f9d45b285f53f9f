import { type Decimal, dec } from '@hookline/core';
import type { Config } from '@hookline/schemas';
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
  /** Read at every decision (TradingControls: Redis, env and the guard file). */
  /** The operator's switches as they apply to an entry on `symbol`. */
  readonly controls: (symbol: string) => RiskControls | Promise<RiskControls>;
}

/** The entry settings from the validated configuration. */
export function entrySettingsFromConfig(config: Config): EntrySettings {
  return {
    account: config.HOOKLINE_ACCOUNT,
    offsetBps: config.HOOKLINE_ENTRY_OFFSET_BPS,
    postOnly: config.HOOKLINE_ENTRY_POST_ONLY,
    timeoutMs: config.HOOKLINE_ENTRY_TIMEOUT_MS,
    defaultSizeQuote: dec(config.HOOKLINE_ENTRY_SIZE_USD),
    limits: { ...defaultRiskLimits, maxOpenPositions: config.HOOKLINE_MAX_OPEN_POSITIONS },
    // Reserve the taker fee: an entry that crosses pays it.
    preflight: { ...defaultPreflightOptions, feePct: dec('0.6') },
    controls: () => openRiskControls,
  };
}
