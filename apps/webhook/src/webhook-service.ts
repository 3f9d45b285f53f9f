import { heartbeatCheck, type RunningService, startHeartbeat } from '@hookline/runtime';
import { tradingAccountOf } from '@hookline/schemas';
import { storeOf } from '@hookline/store';
import { passphraseReadiness } from './ingress/passphrase-readiness.js';
import type { WebhookServiceContext } from './service-context.js';
import { buildWebhookSystem } from './webhook-system.js';

/**
 * Starts the webhook service: the system from webhook-system.ts, the sighook heartbeat check, the
 * webhook's own heartbeat, the HTTP server on PORT, then the reconciler and the sentinel. stop():
 * stop intake (close the listener, finish in-flight requests), then the reconciler and the sentinel,
 * then drain the workers and the fill consumer, then stop the heartbeat.
 */
export async function startWebhookService(context: WebhookServiceContext): Promise<RunningService> {
  const { config, logger, readiness, redis, clock, database } = context;
  readiness.register(passphraseReadiness(config.WEBHOOK_PASSPHRASE));
  readiness.register({
    ...heartbeatCheck({
      redis,
      clock,
      service: 'sighook',
      account: tradingAccountOf(config),
      maxAgeMs: config.HOOKLINE_HEARTBEAT_INTERVAL_MS * 3,
    }),
    critical: false, // entries must keep flowing from TradingView even while sighook is down
  });
  const heartbeat = startHeartbeat({
    redis,
    clock,
    service: 'webhook',
    account: tradingAccountOf(config),
    intervalMs: config.HOOKLINE_HEARTBEAT_INTERVAL_MS,
    onError: (error) => logger.warn({ err: error }, 'webhook heartbeat write failed'),
  });
  const system = await buildWebhookSystem(
    {
      config,
      store: storeOf(database, { usdCurrencies: config.HOOKLINE_LEDGER_USD_CURRENCIES }),
      exchange: context.exchange,
      clock,
      logger,
      redis,
      readiness,
    },
    { health: { services: context.servicesInProcess, mode: config.MODE } },
  );
  const address = await system.app
    .listen({ host: config.HOOKLINE_HOST, port: config.PORT })
    .catch(async (error) => {
      await system.stop();
      await heartbeat.stop();
      throw error;
    });
  system.start();
  logger.info({ address, mode: config.MODE, database: database.kind }, 'webhook started');
  return {
    name: 'webhook',
    stop: async () => {
      await system.stop();
      await heartbeat.stop();
      logger.info('webhook stopped');
    },
  };
}
