// The exits of one account, in one folder: the pure exit rules (rules/), the sentinel that sweeps
// every open position through them (sentinel/), the executor that sells (executor/), the position
// cap, "why not sold" in `decisions`, and the one settings module. This is what the rest of the
// app uses; everything else in the folder is its inside.

export { ExitExecutor, type ExitSummary, exitStartLock, summarizeExit } from './executor/exit-executor.js';
export type { StartExitRequest, StartExitResult } from './executor/exit-start.js';
export { Exits, type SentinelStart } from './executor/exits.js';
export type { ExitNotTakenCode } from './exit-reasons.js';
export {
  defaultExitExecutionSettings,
  defaultExitRuleSettings,
  type ExitExecutionSettings,
  type ExitRuleSettings,
  type ExitSettings,
  exitSettingsFromConfig,
} from './exit-settings.js';
export {
  evaluatePositions,
  type PositionEvaluation,
  type PositionEvaluationInput,
} from './rules/evaluate-positions.js';
export type { ExitMarketView, ExitPositionView, ExitVerdict, TrailingState } from './rules/exit-types.js';
export { createSentinel, type Sentinel, type SentinelOptions } from './sentinel/create-sentinel.js';
export {
  MemorySentinelControls,
  type SentinelControls,
  type SentinelExits,
} from './sentinel/sentinel-ports.js';
export { SWEEP_PHASES, type SweepPhases, type SweepReport } from './sentinel/sweep-report.js';
