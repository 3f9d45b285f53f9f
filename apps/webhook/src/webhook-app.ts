import {
  createHttpServer,
  type HealthInfo,
  type HttpServerOptions,
  type ReadinessRegistry,
  registerHealthRoutes,
} from '@hookline/runtime';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { type AccessPolicy, CLOSED_ACCESS } from './api/admin-auth.js';
import type { ApiOptions } from './api/api-options.js';
import { apiPlugin } from './api/api-plugin.js';
import { registerOpenApi } from './api/openapi-plugin.js';
import { dashboardStatic } from './dashboard/dashboard-static.js';
import type { WebhookIngressOptions } from './ingress/ingress-options.js';
import { webhookIngressPlugin } from './ingress/ingress-plugin.js';
import { metricsPlugin } from './metrics/metrics-plugin.js';
import type { MetricsSources } from './metrics/metrics-registry.js';

/**
 * Builds the webhook HTTP app without listening (fastify's pattern: tests use inject(), main listens).
 * Every concern is a plugin; the OpenAPI document (GET /openapi.json) covers all routes after it.
 * /healthz, /readyz and POST /webhook are open; every other route needs the access policy's consent.
 */
export function buildWebhookApp(options: {
  logger: Logger;
  readiness: ReadinessRegistry;
  health: HealthInfo;
  /** Who may read /api/*, /metrics and /openapi.json and act on /api/admin/* (default: nobody). */
  access?: AccessPolicy;
  /** Timeouts and CORS (default: DEFAULT_HTTP_TIMEOUTS, no CORS). */
  http?: Omit<HttpServerOptions, 'bodyLimitBytes'>;
  /** POST /webhook; left out, the app serves health routes only. */
  ingress?: WebhookIngressOptions;
  /** GET /api/* and POST /api/admin/*. */
  api?: Omit<ApiOptions, 'access'>;
  /** GET /metrics. */
  metrics?: MetricsSources;
  /** Where the built dashboard is (default: apps/dashboard/dist). */
  dashboardRoot?: string;
}): FastifyInstance {
  const access = options.access ?? CLOSED_ACCESS;
  const app = createHttpServer(options.logger, { ...options.http, bodyLimitBytes: 64 * 1024 });
  registerOpenApi(app, access);
  app.register(async (health) => registerHealthRoutes(health, options.readiness, options.health));
  if (options.ingress !== undefined) app.register(webhookIngressPlugin, options.ingress);
  if (options.api !== undefined) app.register(apiPlugin, { ...options.api, access });
  if (options.metrics !== undefined) app.register(metricsPlugin, { ...options.metrics, access });
  // The operator dashboard at / when the API serves its reads.
  if (options.api?.dashboard !== undefined)
    app.register(dashboardStatic, options.dashboardRoot === undefined ? {} : { root: options.dashboardRoot });
  return app;
}
