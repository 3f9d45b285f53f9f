import { randomBytes } from 'node:crypto';
import { type Decimal, dec, SequentialIdGenerator, TestClock } from '@hookline/core';
import type { Database } from '@hookline/db';
import {
  defaultPaperMarkets,
  type ExchangeLanes,
  type ExchangePort,
  MemoryPaperStateStore,
  PaperExchange,
  type PaperStateStore,
  ScriptedPriceSource,
} from '@hookline/exchange';
import { createLogger } from '@hookline/runtime';
import { parseConfig } from '@hookline/schemas';
import { storeOf } from '@hookline/store';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { usePerFileDatabase } from '../../../../test/support/per-file-database.js';
import { pauseBriefly } from '../../src/controls/entry-pause.js';
import type { EntrySettings } from '../../src/execution/entry-settings.js';
import { openRiskControls } from '../../src/execution/risk-snapshot.js';
import type { TradingPipeline } from '../../src/trading-pipeline.js';
import {
  buildWebhookSystem,
  type OnlineWebhookSystem,
  type WebhookOverrides,
} from '../../src/webhook-system.js';

/** The passphrase of the test apps. */
export const PASSPHRASE = 'trading-harness-passphrase';
/** READ_TOKEN of the harness's systems (GET /api/* and /metrics). */
export const READ_TOKEN = 'trading-harness-read-token';
export const SYMBOL = 'BTC/USD';

/**
 * A Hookline-template buy alert for BTCUSD, as TradingView posts it; its time is the venue's start, so
 * it is seconds old at its receipt (HOOKLINE_RISK_MAX_ALERT_AGE_MS is 60 s by default).
 */
export function buyAlertBody(id: string, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({
    passphrase: PASSPHRASE,
    id,
    ticker: 'COINBASE:BTCUSD',
    exchange: 'COINBASE',
    action: 'buy',
    price: '60000',
    time: '2024-05-01T12:00:00Z',
    ...fields,
  });
}

/** One paper venue on a TestClock with scripted quotes; restart() re-opens it from its store (a new process). */
export class PaperVenue {
  readonly clock = new TestClock(Date.parse('2024-05-01T12:00:00.000Z'));
  readonly store: PaperStateStore = new MemoryPaperStateStore();
  source = new ScriptedPriceSource();
  exchange: PaperExchange;
  readonly lanes: ExchangeLanes | undefined;

  /**
   * @param initialBalances the venue's starting balances (the paper default when omitted).
   * @param lanesFor the live adapter's budgets and breakers on the venue's clock, so injected faults
   *   open real breakers.
   */
  constructor(
    readonly initialBalances?: Record<string, Decimal>,
    lanesFor?: (clock: TestClock) => ExchangeLanes,
  ) {
    this.lanes = lanesFor?.(this.clock);
    this.exchange = this.#open();
    this.quote('60000', '60000.01');
  }

  /** A new top of book one second later (sizes per level in BTC). */
  quote(bid: string, ask: string, size = '0.5'): void {
    this.clock.advance(1_000);
    this.source.push({
      symbol: SYMBOL,
      timeMs: this.clock.nowMs(),
      bid: dec(bid),
      ask: dec(ask),
      bidSize: dec(size),
      askSize: dec(size),
      volume: dec('0'),
    });
    this.exchange.tick();
  }

  /** How many orders the venue holds for the client order id (never more than one). */
  ordersWith(clientOrderId: string): number {
    const snapshot = this.exchange.snapshot() as unknown as { orders?: Array<{ clientOrderId: string }> };
    return (snapshot.orders ?? []).filter((order) => order.clientOrderId === clientOrderId).length;
  }

  #open(): PaperExchange {
    return new PaperExchange({
      clock: this.clock,
      store: this.store,
      priceSource: this.source,
      markets: defaultPaperMarkets,
      ...(this.initialBalances ? { initialBalances: this.initialBalances } : {}),
      ...(this.lanes === undefined ? {} : { lanes: this.lanes }),
    });
  }
}

/**
 * Entry settings of the tests over the configuration's: a long timeout. The account, the risk limits
 * and preflight come from the configuration (HOOKLINE_ACCOUNT, HOOKLINE_RISK_*: `env` in the harness
 * options), as in the service.
 */
const testEntry = {
  offsetBps: 0,
  postOnly: false,
  timeoutMs: 600_000,
  defaultSizeQuote: dec('100'),
} satisfies Partial<EntrySettings>;

/** Entry settings for tests: a long timeout and open controls unless given. */
export function testSettings(overrides: Partial<EntrySettings> = {}): Partial<EntrySettings> {
  return { ...testEntry, controls: () => openRiskControls, pauseEntry: pauseBriefly, ...overrides };
}

/** A webhook system built as the service builds it, with a way to post alerts to its app. */
export interface TradingUnderTest {
  readonly venue: PaperVenue;
  readonly database: Database;
  /** The system under test (built, not started: no reconciler or sentinel timers). */
  readonly system: OnlineWebhookSystem;
  readonly pipeline: TradingPipeline;
  readonly app: FastifyInstance;
  readonly prefix: string;
  readonly redis: Redis;
  post(body: string): Promise<{ statusCode: number; json: Record<string, unknown> }>;
  /** Builds a second system over the same queues, database and venue (a restarted worker, a replica). */
  restart(options?: HarnessOptions): Promise<OnlineWebhookSystem>;
}

/** How a system of the harness is built. */
export interface HarnessOptions {
  /** Entry settings over the tests' (testSettings(): open controls unless `controls` is given). */
  readonly settings?: Partial<EntrySettings>;
  /**
   * Entries read the system's own operator controls (Redis, HOOKLINE_BUY_GUARD, the guard file, held
   * until the first successful reconciliation) instead of testSettings()' open ones.
   */
  readonly operatorControls?: boolean;
  /** Configuration keys over the harness's (passphrase, no rate limit, 4 KiB bodies). */
  readonly env?: Readonly<Record<string, string>>;
  /** Wraps the venue's port (to simulate a crash around a request). */
  readonly wrapExchange?: (exchange: ExchangePort) => ExchangePort;
  /**
   * The venue (exchange and clock) of this system instead of the harness's: another account's
   * deployment, with its own keys, on the same database and Redis.
   */
  readonly venue?: PaperVenue;
  /** Notification delivery settings (fewer attempts, short back-off). */
  readonly notify?: WebhookOverrides['notify'];
}

/** Posts an alert body to a system's app as TradingView does (from one of its addresses). */
export async function postAlert(
  app: FastifyInstance,
  body: string,
): Promise<{ statusCode: number; json: Record<string, unknown> }> {
  const response = await app.inject({
    method: 'POST',
    url: '/webhook',
    payload: body,
    remoteAddress: '52.89.214.238',
    headers: { 'content-type': 'text/plain' },
  });
  return { statusCode: response.statusCode, json: response.json() };
}

/** The port with its methods delegated to `exchange`, some replaced. */
export function withOverrides(exchange: ExchangePort, overrides: Partial<ExchangePort>): ExchangePort {
  const delegated: ExchangePort = {
    name: exchange.name,
    stopOrders: exchange.stopOrders,
    fetchMarkets: () => exchange.fetchMarkets(),
    fetchBalances: () => exchange.fetchBalances(),
    fetchTicker: (symbol) => exchange.fetchTicker(symbol),
    fetchCandles: (symbol, timeframe, query) => exchange.fetchCandles(symbol, timeframe, query),
    createOrder: (request) => exchange.createOrder(request),
    cancelOrder: (reference) => exchange.cancelOrder(reference),
    fetchOrder: (reference) => exchange.fetchOrder(reference),
    fetchOpenOrders: (symbol) => exchange.fetchOpenOrders(symbol),
    fetchFillsSince: (query) => exchange.fetchFillsSince(query),
    subscribeUserEvents: (listener) => exchange.subscribeUserEvents(listener),
    subscribeTickers: (symbols, listener) => exchange.subscribeTickers(symbols, listener),
    close: async () => undefined,
  };
  return { ...delegated, ...overrides };
}

/**
 * One migrated Postgres database per test file, emptied before each test; a fresh Redis key prefix
 * (so fresh queues) per harness. Every system is built by buildWebhookSystem and stopped after the test.
 */
export function useTradingHarness(): (options?: HarnessOptions) => Promise<TradingUnderTest> {
  const perFile = usePerFileDatabase('trading');

  return async (first = {}) => {
    const database = perFile.database();
    const venue = new PaperVenue();
    const prefix = `test-${randomBytes(6).toString('hex')}`;
    const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    perFile.onCleanup(async () => {
      await redis.quit();
    });
    const logger = createLogger({ level: 'silent', service: 'test' });
    const alertIds = new SequentialIdGenerator(`${prefix}-alert`);
    const build = async (options: HarnessOptions) => {
      const own = options.venue ?? venue;
      const system = await buildWebhookSystem(
        {
          config: parseConfig({
            HOOKLINE_ACCOUNT: 'default',
            WEBHOOK_PASSPHRASE: PASSPHRASE,
            HOOKLINE_WEBHOOK_RATE_LIMIT: '0',
            HOOKLINE_WEBHOOK_BODY_LIMIT_BYTES: '4096',
            READ_TOKEN,
            ...options.env,
          }),
          store: storeOf(database.prisma),
          exchange: options.wrapExchange?.(own.exchange) ?? own.exchange,
          clock: own.clock,
          logger,
          redis,
        },
        {
          prefix,
          entry: options.operatorControls
            ? { ...testEntry, ...options.settings }
            : testSettings(options.settings),
          alertIds,
          backfillIntervalMs: 0,
          ...(options.notify === undefined ? {} : { notify: options.notify }),
        },
      );
      perFile.onCleanup(() => system.stop());
      return system;
    };
    const system = await build(first);
    return {
      venue,
      database,
      system,
      pipeline: system.pipeline,
      app: system.app,
      prefix,
      redis,
      post: (body) => postAlert(system.app, body),
      restart: (options = {}) => build(options),
    };
  };
}
