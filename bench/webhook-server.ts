// A real webhook service for the HTTP benchmarks: startWebhookService (real ingress, trading controls,
// reconciler, BullMQ pipeline) on a private throwaway Postgres and a private redis-server, paper
// exchange on the system clock, listening on 127.0.0.1 and a free port. stop() undoes everything.
import { SystemClock } from '@hookline/core';
import type { Database } from '@hookline/db';
import {
  type ExchangePort,
  MemoryPaperStateStore,
  PaperExchange,
  type PaperMarketSpec,
  startTicking,
} from '@hookline/exchange';
import { createLogger, findFreePort, ReadinessRegistry, type RunningService } from '@hookline/runtime';
import { parseConfig } from '@hookline/schemas';
import { startWebhookService } from '@hookline/webhook';
import { startBenchInfrastructure } from './bench-infrastructure.js';

export const BENCH_PASSPHRASE = 'hookline-bench-passphrase';

/** The running benchmark server and what it stands on. */
export interface BenchServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly database: Database;
  /** The exchange the service was given (a delegate: `swapExchange` replaces what it points at). */
  swapExchange(): void;
  stop(): Promise<void>;
}

/** A fresh paper venue on the system clock with its synthetic market ticking every second. */
function openPaperExchange(
  clock: SystemClock,
  markets?: readonly PaperMarketSpec[],
): { exchange: PaperExchange; stopTicking: () => void } {
  const exchange = new PaperExchange({
    clock,
    store: new MemoryPaperStateStore(),
    ...(markets === undefined ? {} : { markets }),
  });
  return { exchange, stopTicking: startTicking(exchange) };
}

/**
 * Starts the service. `onOrderAcknowledged` is called when the paper exchange's createOrder resolves
 * (the exchange's acknowledgement, before the executor persists it).
 */
export async function startBenchServer(options: {
  env?: Record<string, string>;
  onOrderAcknowledged?: (clientOrderId: string) => void;
  /** The paper venue's markets (default BTC, ETH and SOL against USD). */
  markets?: readonly PaperMarketSpec[];
}): Promise<BenchServer> {
  const infrastructure = await startBenchInfrastructure();
  const { database, redis } = infrastructure;
  const stopAll = infrastructure.stop;
  try {
    const port = await findFreePort('127.0.0.1');
    const config = parseConfig({
      MODE: 'paper',
      PORT: String(port),
      HOOKLINE_HOST: '127.0.0.1',
      WEBHOOK_PASSPHRASE: BENCH_PASSPHRASE,
      DATABASE_URL: infrastructure.postgresUrl,
      REDIS_URL: infrastructure.redisUrl,
      HOOKLINE_LOG_LEVEL: 'silent',
      HOOKLINE_WEBHOOK_RATE_LIMIT: '0',
      HOOKLINE_RECONCILE_INTERVAL_MS: '86400000',
      ...options.env,
    });
    const clock = new SystemClock();
    let venue = openPaperExchange(clock, options.markets);
    infrastructure.onStop(async () => venue.stopTicking());
    const acknowledged = options.onOrderAcknowledged;
    // Delegates to the current venue, so a benchmark can start over on a fresh one.
    const exchange: ExchangePort = {
      get name() {
        return venue.exchange.name;
      },
      get stopOrders() {
        return venue.exchange.stopOrders;
      },
      fetchMarkets: () => venue.exchange.fetchMarkets(),
      fetchBalances: () => venue.exchange.fetchBalances(),
      fetchTicker: (symbol) => venue.exchange.fetchTicker(symbol),
      fetchCandles: (symbol, timeframe, query) => venue.exchange.fetchCandles(symbol, timeframe, query),
      createOrder: async (request) => {
        const order = await venue.exchange.createOrder(request);
        acknowledged?.(request.clientOrderId);
        return order;
      },
      cancelOrder: (reference) => venue.exchange.cancelOrder(reference),
      fetchOrder: (reference) => venue.exchange.fetchOrder(reference),
      fetchOpenOrders: (symbol) => venue.exchange.fetchOpenOrders(symbol),
      fetchFillsSince: (query) => venue.exchange.fetchFillsSince(query),
      subscribeUserEvents: (listener) => venue.exchange.subscribeUserEvents(listener),
      subscribeTickers: (symbols, listener) => venue.exchange.subscribeTickers(symbols, listener),
      close: async () => venue.exchange.close(),
    };
    const service: RunningService = await startWebhookService({
      config,
      logger: createLogger({ level: 'silent', service: 'bench' }),
      clock,
      database,
      redis,
      readiness: new ReadinessRegistry(),
      exchange,
      servicesInProcess: ['webhook'],
    });
    infrastructure.onStop(() => service.stop());
    const url = `http://127.0.0.1:${port}`;
    await waitUntilReady(url);
    return {
      url,
      database,
      swapExchange: () => {
        venue.stopTicking();
        venue = openPaperExchange(clock, options.markets);
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Waits for /readyz (the first reconciliation has run: entries are no longer held). */
async function waitUntilReady(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${url}/readyz`).catch(() => undefined);
    if (response?.ok) return;
    if (Date.now() > deadline) throw new Error(`the bench server was not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
