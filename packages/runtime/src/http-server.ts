import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import { type Config, ConfigError } from '@hookline/schemas';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import { answerError } from './http-errors.js';
import { redactUrl } from './logger.js';

/** Probe paths polled every few seconds by orchestrators: logging each request would drown the log. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The one log line of an answered request: method, URL (secret query values redacted), status and
 * milliseconds, in the message (readable in pretty logs) and as fields (searchable in JSON logs).
 */
export function accessLine(
  method: string,
  url: string,
  statusCode: number,
  elapsedMs: number,
): Record<string, unknown> & { msg: string } {
  const safeUrl = redactUrl(url);
  const ms = Math.round(elapsedMs * 10) / 10;
  return {
    access: { method, url: safeUrl, statusCode, ms },
    msg: `${method} ${safeUrl} ${statusCode} ${ms} ms`,
  };
}

/** How long a client may take; each ends its connection when it runs out. */
export interface HttpTimeouts {
  /** Headers and the whole body must have arrived within this (answered 408, however steady the trickle). */
  readonly requestMs: number;
  /** The headers must have arrived within this (answered 408). At most requestMs. */
  readonly headersMs: number;
  /** A connection with no traffic either way for this long is closed. */
  readonly idleMs: number;
  /** A kept-alive connection waits this long for its next request. */
  readonly keepAliveMs: number;
}

/** The defaults of the HOOKLINE_HTTP_*_TIMEOUT_MS keys, for servers built without a configuration. */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  requestMs: 10_000,
  headersMs: 5_000,
  idleMs: 30_000,
  keepAliveMs: 5_000,
};

/** How an HTTP server is built. */
export interface HttpServerOptions {
  readonly bodyLimitBytes?: number;
  readonly timeouts?: HttpTimeouts;
  /** Browser origins allowed cross-origin; empty or left out = no CORS headers at all. */
  readonly corsOrigins?: readonly string[];
}

/** The HTTP settings of the configuration; an inconsistent pair of timeouts is a ConfigError naming both. */
export function httpOptionsFromConfig(config: Config): Required<Omit<HttpServerOptions, 'bodyLimitBytes'>> {
  const timeouts: HttpTimeouts = {
    requestMs: config.HOOKLINE_HTTP_REQUEST_TIMEOUT_MS,
    headersMs: config.HOOKLINE_HTTP_HEADERS_TIMEOUT_MS,
    idleMs: config.HOOKLINE_HTTP_IDLE_TIMEOUT_MS,
    keepAliveMs: config.HOOKLINE_HTTP_KEEP_ALIVE_TIMEOUT_MS,
  };
  if (timeouts.headersMs > timeouts.requestMs) {
    throw new ConfigError([
      `HOOKLINE_HTTP_HEADERS_TIMEOUT_MS: ${timeouts.headersMs} is longer than HOOKLINE_HTTP_REQUEST_TIMEOUT_MS (${timeouts.requestMs}); the headers are part of the request`,
    ]);
  }
  return { timeouts, corsOrigins: config.HOOKLINE_CORS_ORIGINS ?? [] };
}

/**
 * A fastify instance with the process logger (secrets already redacted by it) and per-request log lines
 * for everything except health probes. Every answer carries `x-request-id` and security headers; every
 * unhandled error is answered by answerError (503 for an outage, never driver text). Built without
 * listening (tests use inject()).
 */
export function createHttpServer(logger: Logger, options: HttpServerOptions = {}): FastifyInstance {
  const timeouts = options.timeouts ?? DEFAULT_HTTP_TIMEOUTS;
  if (timeouts.headersMs > timeouts.requestMs) {
    throw new Error(`headersMs (${timeouts.headersMs}) must not exceed requestMs (${timeouts.requestMs})`);
  }
  // pino's Logger is a FastifyBaseLogger; widening keeps FastifyInstance's default generics for plugins.
  const baseLogger: FastifyBaseLogger = logger;
  const app = Fastify({
    loggerInstance: baseLogger,
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    // Generated here, never taken from the client: a request id in the log is ours to trust.
    genReqId: () => randomUUID(),
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: {
      headersTimeout: timeouts.headersMs,
      // Node checks the request and headers timeouts on this beat (30 s by default, which would let a
      // trickled body run far past a 10 s limit).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(timeouts.headersMs / 4))),
    },
    // fastify's own request logging writes two lines per request ("incoming request" and "request
    // completed"); the one access line below replaces both.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    if (QUIET_PATHS.has(request.url.split('?')[0] ?? '')) return;
    const { msg, ...fields } = accessLine(request.method, request.url, reply.statusCode, reply.elapsedTime);
    request.log.info(fields, msg);
  });
  app.setErrorHandler(async (error, request, reply) => answerError(error, request, reply));
  // A JSON API: no scripts, frames or embedding; browsers get the strictest policy helmet offers.
  app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
  });
  const origins = options.corsOrigins ?? [];
  if (origins.length > 0) {
    app.register(cors, {
      origin: [...origins],
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', 'x-hookline-operator'],
      exposedHeaders: ['x-request-id', 'retry-after'],
      maxAge: 600,
    });
  }
  return app;
}
