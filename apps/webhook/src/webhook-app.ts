import {
  createHttpServer,
  type HealthInfo,
  type ReadinessRegistry,
  registerHealthRoutes,
} from '@hookline/runtime';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ApiOptions } from './api/api-options.js';
import { apiPlugin } from './api/api-plugin.js';
import { registerOpenApi } from './api/openapi-plugin.js';
import type { WebhookIngressOptions } from './ingress/ingress-options.js';
import { webhookIngressPlugin } from './ingress/ingress-plugin.js';
import { metricsPlugin } from './metrics/metrics-plugin.js';
import type { MetricsSources } from './metrics/metrics-registry.js';

/**
 * Builds the webhook HTTP app without listening (fastify's pattern: tests use inject(), main listens).
 * Every concern is a plugin; the OpenAPI document (GET /openapi.json) covers all routes after it.
 */
export function buildWebhookApp(options: {
  logger: Logger;
  readiness: ReadinessRegistry;
  health: HealthInfo;
  /** POST /webhook; left out, the app serves health routes only. */
  ingress?: WebhookIngressOptions;
  /** GET /api/* and POST /api/admin/*. */
  api?: ApiOptions;
  /** GET /metrics. */
  metrics?: MetricsSources;
}): FastifyInstance {
  const app = createHttpServer(options.logger, { bodyLimitBytes: 64 * 1024 });
  registerOpenApi(app);
  app.register(async (health) => registerHealthRoutes(health, options.readiness, options.health));
  if (options.ingress !== undefined) app.register(webhookIngressPlugin, options.ingress);
  if (options.api !== undefined) app.register(apiPlugin, options.api);
  if (options.metrics !== undefined) app.register(metricsPlugin, options.metrics);
  return app;
}
