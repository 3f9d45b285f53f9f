export { type Config, ConfigError, parseConfig, SECRET_KEYS } from './config.js';
export { CONFIG_KEYS, type ConfigKey, type ConfigKeyName } from './config-keys.js';
export { renderEnvExample } from './env-example.js';
