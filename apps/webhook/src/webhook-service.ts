import { SystemRandomSource, UuidV7IdGenerator } from '@hookline/core';
import { heartbeatCheck, type RunningService, startHeartbeat } from '@hookline/runtime';
import { JOB_QUEUE_PREFIX } from '@hookline/schemas';
import { AlertIntakeStore, storeOf } from '@hookline/store';
import { readCircuit } from './controls/exchange-circuit.js';
import { TradingControls } from './controls/trading-controls.js';
import { entrySettingsFromConfig } from './execution/entry-settings.js';
import { createSentinel, exitSettingsFromConfig } from './exits/index.js';
import { exchangeCircuitCheck, fillStreamCheck } from './fills/fill-stream-readiness.js';
import { ingressOptionsFromConfig } from './ingress/ingress-options.js';
import { jobNames } from './jobs/job-catalog.js';
import { createReconciler, type Reconciler } from './reconciler/index.js';
import type { WebhookServiceContext } from './service-context.js';
import { startTradingPipeline } from './trading-pipeline.js';
import { buildWebhookApp } from './webhook-app.js';

/** Redis key prefix of the queues, the fill cursor and the operator's controls. */
const REDIS_PREFIX = JOB_QUEUE_PREFIX;

/**
 * Starts the webhook service: readiness checks, heartbeat, the trading pipeline (job workers, fill
 * consumer), the exit sentinel and the HTTP server on PORT. stop(): stop intake (close the listener,
 * finish in-flight requests), then the reconciler and the sentinel, then drain the workers and the
 * fill consumer, then stop the heartbeat.
 */
export async function startWebhookService(context: WebhookServiceContext): Promise<RunningService> {
  const { config, logger, readiness, redis, clock, database } = context;
  const store = storeOf(database, { usdCurrencies: config.HOOKLINE_LEDGER_USD_CURRENCIES });
  readiness.register({
    ...heartbeatCheck({
      redis,
      clock,
      service: 'sighook',
      maxAgeMs: config.HOOKLINE_HEARTBEAT_INTERVAL_MS * 3,
    }),
    critical: false, // entries must keep flowing from TradingView even while sighook is down
  });
  const heartbeat = startHeartbeat({
    redis,
    clock,
    service: 'webhook',
    intervalMs: config.HOOKLINE_HEARTBEAT_INTERVAL_MS,
    onError: (error) => logger.warn({ err: error }, 'webhook heartbeat write failed'),
  });
  // Reconciliation gates entries (architecture.md): until its first success the account reads as
  // REDUCING and /readyz says why; mismatches it finds put their symbol in REDUCING.
  let reconciler: Reconciler | undefined;
  const controls = new TradingControls({
    redis,
    prefix: REDIS_PREFIX,
    clock,
    logger,
    envBuyGuard: config.HOOKLINE_BUY_GUARD,
    buyGuardFile: config.HOOKLINE_BUY_GUARD_FILE,
    exchangeHealth: () => readCircuit(context.exchange).health,
    entriesHeldBecause: () =>
      reconciler?.hasSucceeded()
        ? undefined
        : 'waiting for the first successful reconciliation with the exchange',
  });
  reconciler = createReconciler({
    store,
    exchange: context.exchange,
    redis,
    clock,
    logger,
    account: config.HOOKLINE_ACCOUNT,
    exchangeName: context.exchange.name,
    keyPrefix: REDIS_PREFIX,
    ledger: { timezone: config.HOOKLINE_TAX_TIMEZONE, strict: config.HOOKLINE_LEDGER_STRICT },
    onSymbolReducing: (symbol, reason) => controls.markSymbolReducing(symbol, reason),
  });
  readiness.register(reconciler.readiness);
  const settings = {
    ...entrySettingsFromConfig(config),
    controls: (symbol: string) => controls.riskControls(symbol),
  };
  const pipeline = await startTradingPipeline({
    store,
    exchange: context.exchange,
    redis,
    clock,
    logger,
    settings,
    prefix: REDIS_PREFIX,
    ledger: { timezone: config.HOOKLINE_TAX_TIMEZONE, strict: config.HOOKLINE_LEDGER_STRICT },
    backfillIntervalMs: config.HOOKLINE_FILL_BACKFILL_INTERVAL_MS,
  });
  // The exit sentinel: one leader per account (lease), exits through the pipeline's order executor.
  const sentinel = createSentinel({
    store: storeOf(database, { usdCurrencies: config.HOOKLINE_LEDGER_USD_CURRENCIES }),
    exchange: context.exchange,
    redis,
    clock,
    logger,
    settings: exitSettingsFromConfig(config),
    controls,
    executor: pipeline.executor,
    keyPrefix: REDIS_PREFIX,
  });
  for (const check of sentinel.readiness) readiness.register(check);
  readiness.register(fillStreamCheck(pipeline.fills, clock));
  readiness.register(exchangeCircuitCheck(context.exchange));
  const app = buildWebhookApp({
    logger,
    readiness,
    health: { services: context.servicesInProcess, mode: config.MODE },
    ingress: ingressOptionsFromConfig(config, {
      store: new AlertIntakeStore(store),
      clock,
      ids: new UuidV7IdGenerator(clock, new SystemRandomSource()),
      onAccepted: pipeline.onAccepted,
    }),
    api: {
      store: storeOf(database, { usdCurrencies: config.HOOKLINE_LEDGER_USD_CURRENCIES }),
      exchange: context.exchange,
      controls,
      clock,
      account: settings.account,
      limits: settings.limits,
      exits: sentinel.exits,
      matrix: {
        redis,
        prefix: REDIS_PREFIX,
        symbols: config.HOOKLINE_SIGHOOK_SYMBOLS,
        maxAgeMs: config.HOOKLINE_MATRIX_MAX_AGE_MS,
        clock,
      },
      adminToken: config.ADMIN_TOKEN,
    },
    metrics: {
      store,
      redis,
      clock,
      exchange: context.exchange,
      controls,
      queues: jobNames.map((name) => pipeline.queues.queue(name)),
    },
  });
  const address = await app.listen({ host: config.HOOKLINE_HOST, port: config.PORT }).catch(async (error) => {
    await pipeline.stop();
    throw error;
  });
  reconciler.start(config.HOOKLINE_RECONCILE_INTERVAL_MS);
  sentinel.start();
  logger.info({ address, mode: config.MODE, database: database.kind }, 'webhook started');
  return {
    name: 'webhook',
    stop: async () => {
      logger.info('webhook stopping: closing HTTP intake');
      await app.close();
      logger.info('webhook stopping: draining job workers and the fill consumer');
      await reconciler?.stop();
      logger.info('webhook stopping: stopping the exit sentinel');
      await sentinel.stop();
      await pipeline.stop();
      await heartbeat.stop();
      logger.info('webhook stopped');
    },
  };
}
