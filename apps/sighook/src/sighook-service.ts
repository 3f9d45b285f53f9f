import {
  createHttpServer,
  type RunningService,
  registerHealthRoutes,
  startHeartbeat,
} from '@hookline/runtime';
import type { FastifyInstance } from 'fastify';
import type { SighookServiceContext } from './service-context.js';

/**
 * Starts sighook: its heartbeat (read by the webhook's /readyz) and, when it runs alone, its own health
 * server on HOOKLINE_SIGHOOK_PORT. The candle → indicator → matrix pipeline plugs in here.
 */
export async function startSighookService(context: SighookServiceContext): Promise<RunningService> {
  const { config, logger, redis, clock, readiness } = context;
  const heartbeat = startHeartbeat({
    redis,
    clock,
    service: 'sighook',
    intervalMs: config.HOOKLINE_HEARTBEAT_INTERVAL_MS,
    onError: (error) => logger.warn({ err: error }, 'sighook heartbeat write failed'),
  });
  await heartbeat.beat();
  let server: FastifyInstance | undefined;
  if (context.ownHealthServer) {
    const healthServer = createHttpServer(logger);
    registerHealthRoutes(healthServer, readiness, { services: context.servicesInProcess, mode: config.MODE });
    server = healthServer;
    await healthServer.listen({ host: config.HOOKLINE_HOST, port: config.HOOKLINE_SIGHOOK_PORT });
  }
  logger.info(
    { mode: config.MODE, healthPort: server ? config.HOOKLINE_SIGHOOK_PORT : undefined },
    'sighook started',
  );
  return {
    name: 'sighook',
    stop: async () => {
      logger.info('sighook stopping');
      await server?.close();
      await heartbeat.stop();
      logger.info('sighook stopped');
    },
  };
}
