export { findExecutable } from './find-executable.js';
export { findFreePort } from './free-port.js';
export { type LocalRedis, RedisServerNotFoundError, startLocalRedis } from './local-redis.js';
export { createLogger, describeConfig, type Logger, REDACT_PATHS } from './logger.js';
