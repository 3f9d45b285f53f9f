export {
  type AddressRule,
  addressMatches,
  parseAddressRule,
  TRADINGVIEW_WEBHOOK_ADDRESSES,
} from './alerts/address-rules.js';
export { type DecodeAlertResult, type DecodedAlertBody, decodeAlertBody } from './alerts/alert-body.js';
export type { AlertProblem, AlertProblemCode } from './alerts/alert-problem.js';
export { type AlertRecordPayload, alertRecordPayloadSchema } from './alerts/alert-record-payload.js';
export {
  findPassphrase,
  isSecretField,
  maskSecrets,
  PASSPHRASE_FIELDS,
  REDACTED,
} from './alerts/alert-secrets.js';
export { hooklineTemplateSchema } from './alerts/hookline-template.js';
export { envAddressRules, envSymbolOverrides } from './alerts/ingress-env.js';
export type { JsonSyntaxProblem } from './alerts/json-problems.js';
export { type JsonObject, type JsonReadResult, type JsonValue, readJson } from './alerts/json-reader.js';
export { type KeyValueReadResult, readKeyValueText } from './alerts/key-value-text.js';
export { type NormalizeAlertResult, normalizeAlert } from './alerts/normalize-alert.js';
export {
  type AlertAction,
  type AlertSize,
  alertActions,
  alertSizeUnits,
  alertTemplates,
  type NormalizedAlert,
  normalizedAlertSchema,
} from './alerts/normalized-alert.js';
export { strategyTemplateSchema } from './alerts/strategy-template.js';
export {
  KNOWN_QUOTE_CURRENCIES,
  mapTradingViewTicker,
  normalizeTradingViewExchange,
  type SymbolOverrides,
  TICKER_CURRENCY_ALIASES,
  type TickerMapping,
} from './alerts/tradingview-ticker.js';
export { type Config, ConfigError, parseConfig, SECRET_KEYS } from './config.js';
export { CONFIG_KEYS, type ConfigKey, type ConfigKeyName } from './config-keys.js';
export { renderEnvExample } from './env-example.js';
export { envDecimal, envList } from './env-types.js';
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
  jobRetention,
  queueNameOf,
  type RetryPolicy,
} from './jobs/job-catalog.js';
export {
  type SighookEntryAlert,
  sighookDecisionId,
  sighookEntryAlert,
  sighookEntryKey,
} from './jobs/sighook-entry-alert.js';
export {
  LEDGER_CSV_HEADER,
  type LedgerCsvRow,
  ledgerCsvRecordSchema,
  parseLedgerCsvRecord,
} from './ledger-csv.js';
export {
  checkMatrixRow,
  type MatrixAction,
  type MatrixIndicators,
  type MatrixRow,
  type MatrixRowRefusal,
  matrixActions,
  matrixChannel,
  matrixHashKey,
  matrixIndicatorsSchema,
  matrixRowSchema,
} from './matrix/matrix-row.js';
export { SENTINEL_CONFIG_KEYS } from './sentinel-config-keys.js';
export { SIGHOOK_CONFIG_KEYS } from './sighook-config-keys.js';
