import type { FastifyInstance } from 'fastify';
import type { ReadinessRegistry } from './readiness.js';

/** What /healthz says about the process. */
export interface HealthInfo {
  readonly services: readonly string[];
  readonly mode: string;
}

/**
 * Registers GET /healthz (the process is alive and serving: always 200 while it runs) and GET /readyz
 * (200 only when every readiness check passes, else 503 with each check's reason).
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  registry: ReadinessRegistry,
  info: HealthInfo,
): void {
  app.get('/healthz', async () => ({ status: 'ok', services: info.services, mode: info.mode }));
  app.get('/readyz', async (_request, reply) => {
    const report = await registry.report();
    return reply
      .code(report.ready ? 200 : 503)
      .send({ status: report.ready ? 'ready' : 'not_ready', ...report });
  });
}
