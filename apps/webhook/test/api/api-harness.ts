// One migrated Postgres database per test file (emptied before each test), real Redis with a fresh key
// prefix per app, a PaperExchange on a TestClock, and the webhook system built as the service builds
// it (not started: no reconciler or sentinel timers), whose app with its API and metrics is under test.
import { randomBytes } from 'node:crypto';
import { type Decimal, dec } from '@hookline/core';
import type { Database } from '@hookline/db';
import type { ExchangePort } from '@hookline/exchange';
import type { recordFills } from '@hookline/ledger-store';
import { createLogger } from '@hookline/runtime';
import { parseConfig } from '@hookline/schemas';
import { storeOf } from '@hookline/store';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { inject } from 'vitest';
import { usePerFileDatabase } from '../../../../test/support/per-file-database.js';
import type { TradingControls } from '../../src/controls/trading-controls.js';
import type { JobQueues } from '../../src/jobs/job-queues.js';
import { buildWebhookSystem, type OnlineWebhookSystem } from '../../src/webhook-system.js';
import { PaperVenue } from '../support/trading-harness.js';

/** The admin token of the apps that have one. */
export const ADMIN_TOKEN = 'api-harness-admin-token-0123456789';

/** The read token of every app; `get` sends it. */
export const READ_TOKEN = 'api-harness-read-token-0123456789';

/** How one app under test is built. */
export interface ApiAppOptions {
  /** ADMIN_TOKEN; undefined = admin disabled. Default: ADMIN_TOKEN above. */
  readonly adminToken?: string | undefined;
  /** READ_TOKEN; undefined = none configured. Default: READ_TOKEN above. */
  readonly readToken?: string | undefined;
  /** Extra configuration keys (HOOKLINE_OPEN_READS, HOOKLINE_CORS_ORIGINS, risk limits, ...). */
  readonly env?: Readonly<Record<string, string>>;
  readonly envBuyGuard?: boolean;
  readonly buyGuardFile?: string;
  /** The app's logger (default: silent). */
  readonly logger?: Logger;
  /** The paper venue's starting balances (default: the paper default, USD only). */
  readonly venueBalances?: Record<string, Decimal>;
  /** Wraps the venue's port (a counting decorator). */
  readonly wrapExchange?: (exchange: ExchangePort) => ExchangePort;
}

/** An app with everything it reads. */
export interface ApiUnderTest {
  readonly system: OnlineWebhookSystem;
  readonly app: FastifyInstance;
  readonly venue: PaperVenue;
  readonly database: Database;
  readonly redis: Redis;
  readonly prefix: string;
  readonly controls: TradingControls;
  readonly queues: JobQueues;
  /** GET with `Authorization: Bearer <token>` (default READ_TOKEN; null = no header). */
  get(
    url: string,
    token?: string | null,
  ): Promise<{
    statusCode: number;
    json: Record<string, unknown>;
    body: string;
    headers: Record<string, unknown>;
  }>;
  admin(
    url: string,
    payload?: unknown,
    token?: string,
  ): Promise<{ statusCode: number; json: Record<string, unknown> }>;
}

/** A fill for recordFills, BTC/USD buy unless told. */
export function seedFill(tradeId: string, fields: Partial<Parameters<typeof recordFills>[1][number]> = {}) {
  return {
    account: 'default',
    exchange: 'paper',
    tradeId,
    orderId: `order-${tradeId}`,
    symbol: 'BTC/USD',
    side: 'buy' as const,
    price: dec('50000'),
    size: dec('0.01'),
    fee: dec('0.5'),
    feeCurrency: 'USD',
    executedAt: new Date('2024-05-01T11:00:00.000Z'),
    receivedAt: new Date('2024-05-01T11:00:00.250Z'),
    ingestVia: 'REST' as const,
    ...fields,
  };
}

/** Registers the per-file database and per-test cleanup; returns the app factory. */
export function useApiHarness(): (options?: ApiAppOptions) => Promise<ApiUnderTest> {
  const perFile = usePerFileDatabase('api');

  return async (options = {}) => {
    const database = perFile.database();
    const venue = new PaperVenue(options.venueBalances);
    const prefix = `test-${randomBytes(6).toString('hex')}`;
    const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    perFile.onCleanup(async () => {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    });
    const logger = options.logger ?? createLogger({ level: 'silent', service: 'test' });
    const adminToken = 'adminToken' in options ? options.adminToken : ADMIN_TOKEN;
    const readToken = 'readToken' in options ? options.readToken : READ_TOKEN;
    const system = await buildWebhookSystem(
      {
        config: parseConfig({
          HOOKLINE_ACCOUNT: 'default',
          HOOKLINE_BUY_GUARD: String(options.envBuyGuard ?? false),
          HOOKLINE_SIGHOOK_SYMBOLS: 'BTC/USD,ETH/USD',
          ...(adminToken === undefined ? {} : { ADMIN_TOKEN: adminToken }),
          ...(readToken === undefined ? {} : { READ_TOKEN: readToken }),
          ...(options.buyGuardFile === undefined ? {} : { HOOKLINE_BUY_GUARD_FILE: options.buyGuardFile }),
          ...options.env,
        }),
        store: storeOf(database),
        exchange: options.wrapExchange?.(venue.exchange) ?? venue.exchange,
        clock: venue.clock,
        logger,
        redis,
      },
      { prefix, backfillIntervalMs: 0 },
    );
    perFile.onCleanup(() => system.stop());
    const app = system.app;
    return {
      system,
      app,
      venue,
      database,
      redis,
      prefix,
      controls: system.controls,
      queues: system.pipeline.queues,
      get: async (url, token = READ_TOKEN) => {
        const headers = token === null ? {} : { authorization: `Bearer ${token}` };
        const response = await app.inject({ method: 'GET', url, headers });
        const isJson = (response.headers['content-type'] ?? '').toString().includes('json');
        const json = isJson ? response.json() : {};
        return { statusCode: response.statusCode, json, body: response.body, headers: response.headers };
      },
      admin: async (url, payload = {}, token = ADMIN_TOKEN) => {
        const response = await app.inject({
          method: 'POST',
          url,
          payload: payload as Record<string, unknown>,
          headers: { authorization: `Bearer ${token}` },
        });
        return { statusCode: response.statusCode, json: response.json() };
      },
    };
  };
}
