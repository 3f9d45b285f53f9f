import {
  createHttpServer,
  type HealthInfo,
  type ReadinessRegistry,
  registerHealthRoutes,
} from '@hookline/runtime';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { WebhookIngressOptions } from './ingress/ingress-options.js';
import { webhookIngressPlugin } from './ingress/ingress-plugin.js';

/**
 * Builds the webhook HTTP app without listening (fastify's pattern: tests use inject(), main listens).
 * Ingress, API and metrics plug in here as they are built.
 */
export function buildWebhookApp(options: {
  logger: Logger;
  readiness: ReadinessRegistry;
  health: HealthInfo;
  /** POST /webhook; left out, the app serves health routes only. */
  ingress?: WebhookIngressOptions;
}): FastifyInstance {
  const app = createHttpServer(options.logger, { bodyLimitBytes: 64 * 1024 });
  registerHealthRoutes(app, options.readiness, options.health);
  if (options.ingress !== undefined) app.register(webhookIngressPlugin, options.ingress);
  return app;
}
