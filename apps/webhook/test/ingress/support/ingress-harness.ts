import { SequentialIdGenerator, TestClock } from '@hookline/core';
import { type Alert, type Database, migrateDatabase, openDatabase } from '@hookline/db';
import { createLogger, ReadinessRegistry } from '@hookline/runtime';
import { AlertIntakeStore, storeOf } from '@hookline/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../../test/support/databases.js';
import type { AcceptedAlert } from '../../../src/ingress/accepted-alert.js';
import type { WebhookIngressOptions } from '../../../src/ingress/ingress-options.js';
import { buildWebhookApp } from '../../../src/webhook-app.js';

/** The passphrase the test apps are configured with. */
export const PASSPHRASE = 'correct-horse-battery-staple';

/** One of TradingView's webhook addresses. */
export const TRADINGVIEW_ADDRESS = '52.89.214.238';

/** The file's database, for overrides built over it (a store wrapped or opened another way). */
export interface IngressDatabase {
  readonly database: Database;
  readonly url: string;
}

/** A webhook app over a real database, with a test clock, a recorder for onAccepted, and captured logs. */
export interface IngressUnderTest {
  readonly app: FastifyInstance;
  /** The file's database, read and changed directly (never through the app). */
  readonly database: Database;
  readonly clock: TestClock;
  readonly accepted: AcceptedAlert[];
  readonly logLines: string[];
  post(
    body: string | Uint8Array,
    options?: { contentType?: string; from?: string; headers?: Record<string, string> },
  ): Promise<{
    statusCode: number;
    json: Record<string, unknown>;
    headers: Record<string, unknown>;
  }>;
  /** Every stored alert row, oldest first. */
  rows(): Promise<Alert[]>;
  /** Resolves once onAccepted has been called `count` times in all (it runs after the answer). */
  acceptedCount(count: number): Promise<void>;
}

/**
 * One migrated Postgres database per test file (migrations take seconds), emptied before each test;
 * returns a factory for apps over it. Apps are closed after each test.
 */
export function useIngressDatabase(): (
  overrides?: Partial<WebhookIngressOptions> | ((db: IngressDatabase) => Partial<WebhookIngressOptions>),
) => IngressUnderTest {
  let testDatabase: TestDatabase;
  let database: Database;
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    testDatabase = await createTestDatabase('ingress');
    const location = { databaseUrl: testDatabase.url, dataDir: '/nonexistent-not-used' };
    await migrateDatabase(location);
    database = await openDatabase(location);
  });
  beforeEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await database.prisma.alert.deleteMany();
  });
  afterAll(async () => {
    for (const app of apps.splice(0)) await app.close();
    await database?.close();
    await testDatabase?.drop();
  });

  let appCount = 0;
  return (given = {}) => {
    appCount += 1;
    const overrides = typeof given === 'function' ? given({ database, url: testDatabase.url }) : given;
    const clock = new TestClock(Date.parse('2024-05-01T12:00:00.000Z'));
    const accepted: AcceptedAlert[] = [];
    const logLines: string[] = [];
    const logger = createLogger(
      { level: 'trace', service: 'test' },
      { write: (line: string) => logLines.push(line) },
    );
    const app = buildWebhookApp({
      logger,
      readiness: new ReadinessRegistry(),
      health: { services: ['webhook'], mode: 'paper' },
      ingress: {
        store: new AlertIntakeStore(storeOf(database.prisma), 'default'),
        clock,
        ids: new SequentialIdGenerator(`app${appCount}-alert`),
        onAccepted: (alerts) => {
          accepted.push(...alerts);
        },
        passphrase: PASSPHRASE,
        allowedAddresses: undefined,
        trustedProxies: [],
        bodyLimitBytes: 4096,
        rateLimitPerMinute: 0,
        idempotencyWindowSeconds: 60,
        symbolOverrides: {},
        ...overrides,
      },
    });
    apps.push(app);
    return {
      app,
      database,
      clock,
      accepted,
      logLines,
      post: async (body, options = {}) => {
        const response = await app.inject({
          method: 'POST',
          url: '/webhook',
          payload: typeof body === 'string' ? body : Buffer.from(body),
          remoteAddress: options.from ?? TRADINGVIEW_ADDRESS,
          headers: { 'content-type': options.contentType ?? 'application/json', ...options.headers },
        });
        return { statusCode: response.statusCode, json: response.json(), headers: response.headers };
      },
      rows: () => database.prisma.alert.findMany({ orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }] }),
      acceptedCount: async (count) => {
        for (let tries = 0; accepted.length < count && tries < 100; tries += 1) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      },
    };
  };
}
