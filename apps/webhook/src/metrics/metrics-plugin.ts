import type { FastifyInstance } from 'fastify';
import { createMetricsRegistry, type MetricsSources } from './metrics-registry.js';

/** GET /metrics in the Prometheus text format, from this app's own registry. */
export async function metricsPlugin(app: FastifyInstance, sources: MetricsSources): Promise<void> {
  const registry = createMetricsRegistry(sources);
  app.get(
    '/metrics',
    {
      schema: { summary: 'Prometheus metrics (text exposition format)', tags: ['health'] },
    },
    async (_request, reply) => {
      const text = await registry.metrics();
      return reply.type(registry.contentType).send(text);
    },
  );
  app.addHook('onClose', async () => registry.clear());
}
