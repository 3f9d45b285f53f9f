import { SystemRandomSource, UuidV7IdGenerator } from '@hookline/core';
import { type CandleTimeframe, candleTimeframeMs } from '@hookline/exchange';
import {
  createHttpServer,
  httpOptionsFromConfig,
  type RunningService,
  registerHealthRoutes,
  startHeartbeat,
} from '@hookline/runtime';
import { JOB_QUEUE_PREFIX, tradingAccountOf } from '@hookline/schemas';
import { storeOf } from '@hookline/store';
import type { FastifyInstance } from 'fastify';
import { AlertJobQueue } from './entries/alert-job-queue.js';
import { SighookEntries } from './entries/sighook-entries.js';
import { CandleFeed } from './market-data/candle-feed.js';
import { resolveSymbolUniverse } from './market-data/symbol-universe.js';
import { matrixSettingsFromConfig } from './matrix/matrix-settings.js';
import { MatrixPublisher } from './publish/matrix-publisher.js';
import { type PollReport, SignalLoop } from './publish/signal-loop.js';
import { SymbolSignals } from './publish/symbol-signals.js';
import type { SighookServiceContext } from './service-context.js';

/** The running sighook service. */
export interface SighookService extends RunningService {
  /** The symbol universe, as the exchange names it. */
  readonly symbols: readonly string[];
  /** Polls every symbol now, or joins the running poll (the loop also polls on its own). */
  pollOnce(): Promise<PollReport>;
}

/**
 * Starts sighook: resolves the symbol universe against the exchange (an unknown symbol stops the
 * start), loads each symbol's candle history and publishes its first matrix row, then polls every
 * HOOKLINE_SIGHOOK_POLL_INTERVAL_MS (candles → matrix → Postgres + Redis → entries). Writes its
 * heartbeat (read by the webhook's /readyz) and, alone, serves its own health server.
 * stop(): stop the loop and wait for a running poll, close the queue, the server, the heartbeat.
 */
export async function startSighookService(context: SighookServiceContext): Promise<SighookService> {
  const { config, logger, redis, clock } = context;
  const symbols = await resolveSymbolUniverse(context.exchange, config.HOOKLINE_SIGHOOK_SYMBOLS);
  const queue = config.HOOKLINE_SIGHOOK_ENTRIES === 'on' ? openQueue(context) : undefined;
  const loop = buildSignalLoop(context, symbols, queue);
  const heartbeat = startHeartbeat({
    redis,
    clock,
    service: 'sighook',
    account: tradingAccountOf(config),
    intervalMs: config.HOOKLINE_HEARTBEAT_INTERVAL_MS,
    onError: (error) => logger.warn({ err: error }, 'sighook heartbeat write failed'),
  });
  let server: FastifyInstance | undefined;
  try {
    await heartbeat.beat();
    await coldStartThenLoop(context, loop, symbols);
    server = context.ownHealthServer ? await startHealthServer(context) : undefined;
  } catch (error) {
    await stopAll(loop, queue, undefined, heartbeat);
    throw error;
  }
  logger.info({ mode: config.MODE, symbols, entries: config.HOOKLINE_SIGHOOK_ENTRIES }, 'sighook started');
  return {
    name: 'sighook',
    symbols,
    pollOnce: () => loop.pollOnce(),
    stop: async () => {
      logger.info('sighook stopping: finishing the running poll');
      await stopAll(loop, queue, server, heartbeat);
      logger.info('sighook stopped');
    },
  };
}

// The first poll is the cold start (history, first row per symbol); the loop starts after it.
async function coldStartThenLoop(
  context: SighookServiceContext,
  loop: SignalLoop,
  symbols: readonly string[],
): Promise<void> {
  const first = await loop.pollOnce();
  const failed = [...first.failed.keys()];
  context.logger.info({ symbols, rows: first.rows, failed }, 'sighook cold start done');
  const intervalMs = context.config.HOOKLINE_SIGHOOK_POLL_INTERVAL_MS;
  // Shared registry (both mode): sighook's polls must not make the webhook unready.
  context.readiness.register({
    ...loop.readiness(Math.max(3 * intervalMs, 60_000)),
    critical: context.ownHealthServer,
  });
  loop.start(intervalMs);
}

function openQueue(context: SighookServiceContext): AlertJobQueue {
  return new AlertJobQueue(
    context.redis,
    tradingAccountOf(context.config),
    context.keyPrefix ?? JOB_QUEUE_PREFIX,
  );
}

function buildSignalLoop(
  context: SighookServiceContext,
  symbols: readonly string[],
  queue: AlertJobQueue | undefined,
): SignalLoop {
  const { config, clock, logger, database } = context;
  const timeframe: CandleTimeframe = config.HOOKLINE_SIGHOOK_TIMEFRAME;
  const settings = matrixSettingsFromConfig(config);
  const store = storeOf(database, { usdCurrencies: config.HOOKLINE_LEDGER_USD_CURRENCIES });
  const signals = symbols.map((symbol) => {
    const feed = new CandleFeed({
      exchange: context.exchange,
      symbol,
      timeframe,
      capacity: config.HOOKLINE_SIGHOOK_HISTORY_CANDLES,
      clock,
      logger,
    });
    return new SymbolSignals(feed, settings, clock);
  });
  const entries =
    queue === undefined
      ? undefined
      : new SighookEntries({
          store,
          queue,
          clock,
          ids: context.ids ?? new UuidV7IdGenerator(clock, new SystemRandomSource()),
          account: tradingAccountOf(config),
          timeframeMs: candleTimeframeMs[timeframe],
          maxAgeMs: config.HOOKLINE_MATRIX_MAX_AGE_MS,
          logger,
        });
  const publisher = new MatrixPublisher({
    store,
    redis: context.redis,
    ...(context.keyPrefix === undefined ? {} : { prefix: context.keyPrefix }),
  });
  return new SignalLoop({ symbols: signals, publisher, ...(entries ? { entries } : {}), clock, logger });
}

async function startHealthServer(context: SighookServiceContext): Promise<FastifyInstance> {
  const { config } = context;
  const server = createHttpServer(context.logger, httpOptionsFromConfig(config));
  registerHealthRoutes(server, context.readiness, { services: context.servicesInProcess, mode: config.MODE });
  await server.listen({ host: config.HOOKLINE_HOST, port: config.HOOKLINE_SIGHOOK_PORT });
  return server;
}

async function stopAll(
  loop: SignalLoop,
  queue: AlertJobQueue | undefined,
  server: FastifyInstance | undefined,
  heartbeat: { stop(): Promise<void> },
): Promise<void> {
  await loop.stop();
  await queue?.close();
  await server?.close();
  await heartbeat.stop();
}
