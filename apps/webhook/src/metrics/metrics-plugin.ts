import type { FastifyInstance } from 'fastify';
import { type AccessPolicy, readAccessCheck } from '../api/admin-auth.js';
import { createMetricsRegistry, type MetricsSources } from './metrics-registry.js';

/** What /metrics reads, and who may read it. */
export interface MetricsPluginOptions extends MetricsSources {
  readonly access: AccessPolicy;
}

/** GET /metrics in the Prometheus text format, from this app's own registry, behind the read check. */
export async function metricsPlugin(app: FastifyInstance, options: MetricsPluginOptions): Promise<void> {
  const { access, ...sources } = options;
  const registry = createMetricsRegistry(sources);
  app.get(
    '/metrics',
    {
      onRequest: readAccessCheck(access),
      schema: { summary: 'Prometheus metrics (text exposition format)', tags: ['health'] },
    },
    async (_request, reply) => {
      const text = await registry.metrics();
      return reply.type(registry.contentType).send(text);
    },
  );
  app.addHook('onClose', async () => registry.clear());
}
