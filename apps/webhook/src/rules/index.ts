// The webhook's pure rules: the risk gate and preflight (the exit rules live with the exits, in
// exits/rules/). Everything here is a function from a state snapshot (time included) to a verdict;
// the caller acts and records the verdict in `decisions`.

export type { JsonValue, RuleInputs } from './json-inputs.js';
export { amountForMinNotional } from './preflight/min-notional-bump.js';
export { preflightOrder } from './preflight/preflight.js';
export {
  defaultPreflightOptions,
  type OrderIntent,
  type PreflightAccepted,
  type PreflightAdjustment,
  type PreflightDust,
  type PreflightOptions,
  type PreflightRefused,
  type PreflightVerdict,
} from './preflight/preflight-types.js';
export { utcDayStart } from './risk/account-rules.js';
export { type AccountValuation, valueAccount } from './risk/account-valuation.js';
export { controlsOnlyRiskState } from './risk/controls-only-state.js';
export { emergencyExitReasons, isEmergencyExit } from './risk/operator-rules.js';
export { quoteAgeMs } from './risk/quote-age.js';
export { entryRules, evaluateEntry, evaluateExit, exitRules } from './risk/risk-gate.js';
export { defaultRiskLimits, type RiskLimits } from './risk/risk-limits.js';
export type {
  BuyGuardFlags,
  ClosedTrade,
  DailyBaseline,
  EntryAlert,
  EntryRequest,
  ExchangeHealth,
  ExitRequest,
  HeldPosition,
  OpenOrder,
  Quote,
  RiskState,
  TradingState,
} from './risk/risk-state.js';
export type { RiskInputs, RiskVerdict } from './risk/risk-verdict.js';
