export { findExecutable } from './find-executable.js';
export { findFreePort } from './free-port.js';
export { type HealthInfo, registerHealthRoutes } from './health-routes.js';
export { heartbeatCheck, heartbeatKey, startHeartbeat } from './heartbeat.js';
export { createHttpServer } from './http-server.js';
export { hasPostgresBinaries, type LocalPostgres, startLocalPostgres } from './local-postgres.js';
export { type LocalRedis, RedisServerNotFoundError, startLocalRedis } from './local-redis.js';
export { createLogger, describeConfig, type Logger, REDACT_PATHS } from './logger.js';
export { type LatestMatrixRow, readLatestMatrixRows, writeLatestMatrixRow } from './matrix-redis.js';
export {
  type CheckResult,
  type ReadinessCheck,
  ReadinessRegistry,
  type ReadinessReport,
} from './readiness.js';
export type { RunningService } from './running-service.js';
