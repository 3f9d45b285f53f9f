export { type ExitReplayOptions, runExitReplay } from './replay/exit-replay.js';
export type {
  ReplayExit,
  ReplayFill,
  ReplayNotSold,
  ReplayOrder,
  ReplayReport,
} from './replay/replay-report.js';
export {
  defaultExitRuleSettings,
  type ExitMarketView,
  type ExitPositionView,
  type ExitRuleSettings,
  type TrailingState,
} from './rules/index.js';
export {
  createSentinel,
  evaluatePositions,
  MemorySentinelControls,
  type PositionEvaluation,
  type PositionEvaluationInput,
  type Sentinel,
  type SentinelOptions,
  type SentinelSettings,
  type SweepReport,
  sentinelSettingsFromConfig,
} from './sentinel/index.js';
export type { WebhookServiceContext } from './service-context.js';
export { buildWebhookApp } from './webhook-app.js';
export { startWebhookService } from './webhook-service.js';
