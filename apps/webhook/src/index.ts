export {
  createSentinel,
  defaultExitRuleSettings,
  type ExitMarketView,
  type ExitPositionView,
  type ExitRuleSettings,
  type ExitSettings,
  evaluatePositions,
  exitSettingsFromConfig,
  MemorySentinelControls,
  type PositionEvaluation,
  type PositionEvaluationInput,
  type Sentinel,
  type SentinelOptions,
  SWEEP_PHASES,
  type SweepPhases,
  type SweepReport,
  type TrailingState,
} from './exits/index.js';
export { type ExitReplayOptions, runExitReplay } from './replay/exit-replay.js';
export { ReplayFillSync } from './replay/replay-fills.js';
export { replayIdGenerator } from './replay/replay-ids.js';
export { replayMarketSpecs } from './replay/replay-markets.js';
export type { WebhookServiceContext } from './service-context.js';
export { buildWebhookApp } from './webhook-app.js';
export { startWebhookService } from './webhook-service.js';
export { buildWebhookSystem, type OfflineWebhookSystem, type OnlineWebhookSystem } from './webhook-system.js';
