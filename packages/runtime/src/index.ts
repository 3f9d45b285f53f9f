export { findExecutable } from './find-executable.js';
export { findFreePort } from './free-port.js';
export { type LocalRedis, RedisServerNotFoundError, startLocalRedis } from './local-redis.js';
