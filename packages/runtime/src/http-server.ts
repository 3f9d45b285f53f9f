import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';

/** Probe paths polled every few seconds by orchestrators: logging each request would drown the log. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * A fastify instance with the process logger (secrets already redacted by it) and per-request log lines
 * for everything except health probes. Built without listening (tests use inject()).
 */
export function createHttpServer(logger: Logger, options: { bodyLimitBytes?: number } = {}): FastifyInstance {
  // pino's Logger is a FastifyBaseLogger; widening keeps FastifyInstance's default generics for plugins.
  const baseLogger: FastifyBaseLogger = logger;
  return Fastify({
    loggerInstance: baseLogger,
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    logController: new LogController({
      disableRequestLogging: (request) => QUIET_PATHS.has(request.url.split('?')[0] ?? ''),
    }),
  });
}
