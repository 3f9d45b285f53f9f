export { ACCOUNT_NAME_PATTERN, ACCOUNT_NAME_RULE } from './account-name.js';
export {
  type AddressRule,
  addressMatches,
  parseAddressRule,
  TRADINGVIEW_WEBHOOK_ADDRESSES,
} from './alerts/address-rules.js';
export { decodeAlertBody } from './alerts/alert-body.js';
export { type AlertRecordPayload, alertRecordPayloadSchema } from './alerts/alert-record-payload.js';
export { findPassphrase, maskSecrets, REDACTED } from './alerts/alert-secrets.js';
export { normalizeAlert } from './alerts/normalize-alert.js';
export { type NormalizedAlert, normalizedAlertSchema } from './alerts/normalized-alert.js';
export type { SymbolOverrides } from './alerts/tradingview-ticker.js';
export { type Config, ConfigError, parseConfig, SECRET_KEYS } from './config.js';
export { CONFIG_KEYS, type ConfigKey } from './config-keys.js';
export { renderEnvExample } from './env-example.js';
export { type OpenReads, openReadsValues } from './http-config-keys.js';
export {
  JOB_QUEUE_PREFIX,
  type JobDefinition,
  type JobHandlers,
  type JobName,
  type JobPayload,
  type JobRun,
  jobCatalog,
  jobIdOf,
  jobNames,
  jobQueuePrefixOf,
  jobRetention,
  queueNameOf,
  type RetryPolicy,
} from './jobs/job-catalog.js';
export { type SighookEntryAlert, sighookDecisionId, sighookEntryAlert } from './jobs/sighook-entry-alert.js';
export { LEDGER_CSV_HEADER, type LedgerCsvRow, parseLedgerCsvRecord } from './ledger-csv.js';
export { LIVE_VENUES, SANDBOX_VENUES } from './live-config-keys.js';
export {
  checkMatrixRow,
  checkMatrixRowAge,
  type MatrixAction,
  type MatrixIndicators,
  type MatrixRow,
  type MatrixRowRefusal,
  matrixChannel,
  matrixHashKey,
  matrixRowSchema,
} from './matrix/matrix-row.js';
export {
  DEFAULT_NOTIFY_EVENTS,
  NOTIFY_EVENT_KINDS,
  type NotifyEventKind,
} from './notify-config-keys.js';
export { type AccountMode, accountModeConflict, tradingAccountOf } from './trading-account.js';
