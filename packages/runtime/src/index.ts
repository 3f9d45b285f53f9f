export { findFreePort } from './free-port.js';
export { type HealthInfo, registerHealthRoutes } from './health-routes.js';
export { heartbeatCheck, heartbeatKey, startHeartbeat } from './heartbeat.js';
export { answerError, RETRY_AFTER_SECONDS } from './http-errors.js';
export {
  createHttpServer,
  DEFAULT_HTTP_TIMEOUTS,
  type HttpServerOptions,
  type HttpTimeouts,
  httpOptionsFromConfig,
} from './http-server.js';
export {
  type InfrastructureKind,
  infrastructureFailureOf,
  isInfrastructureError,
} from './infrastructure-error.js';
export { hasPostgresBinaries, startLocalPostgres } from './local-postgres.js';
export { type LocalRedis, RedisServerNotFoundError, startLocalRedis } from './local-redis.js';
export {
  createLogger,
  describeConfig,
  type LogFormat,
  redactUrl,
  resolveLogFormat,
  serializeRequest,
} from './logger.js';
export { type MatrixReader, MemoryMatrix } from './matrix-memory.js';
export {
  type LatestMatrixRow,
  ParsedMatrixRows,
  readLatestMatrixRows,
  writeLatestMatrixRow,
} from './matrix-redis.js';
export { type CheckResult, type ReadinessCheck, ReadinessRegistry } from './readiness.js';
export type { RunningService } from './running-service.js';
