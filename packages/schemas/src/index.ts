export { type Config, ConfigError, parseConfig, SECRET_KEYS } from './config.js';
export { CONFIG_KEYS, type ConfigKey, type ConfigKeyName } from './config-keys.js';
export { renderEnvExample } from './env-example.js';
export {
  LEDGER_CSV_HEADER,
  type LedgerCsvRow,
  ledgerCsvRecordSchema,
  parseLedgerCsvRecord,
} from './ledger-csv.js';
