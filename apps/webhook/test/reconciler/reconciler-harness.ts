import { randomBytes } from 'node:crypto';
import { type Decimal, dec, TestClock, toPlainString } from '@hookline/core';
import { type Database, migrateDatabase, openDatabase } from '@hookline/db';
import { defaultPaperMarkets, PaperExchange, ScriptedPriceSource } from '@hookline/exchange';
import { recordFills } from '@hookline/ledger-store';
import { createLogger } from '@hookline/runtime';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import {
  createReconciler,
  type ReconcileReport,
  type Reconciler,
  type ReconcilerOptions,
} from '../../src/reconciler/index.js';

export const SYMBOL = 'BTC/USD';

/** A paper venue on a TestClock with scripted BTC quotes. */
export class ReconcileVenue {
  readonly clock = new TestClock(Date.parse('2024-05-01T12:00:00.000Z'));
  readonly source = new ScriptedPriceSource();
  readonly exchange: PaperExchange;

  constructor(initialBalances: Record<string, Decimal> = { USD: dec('100000') }) {
    this.exchange = new PaperExchange({
      clock: this.clock,
      priceSource: this.source,
      markets: defaultPaperMarkets,
      initialBalances,
    });
    this.quote('60000', '60000.01');
  }

  /** A new top of book one second later. */
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
}

/** What a test works with. */
export interface ReconcileUnderTest {
  readonly venue: ReconcileVenue;
  readonly database: Database;
  readonly redis: Redis;
  readonly prefix: string;
  /** Symbols the reconciler put in REDUCING, with the reason. */
  readonly reducing: Array<{ symbol: string; reason: string }>;
  readonly reports: ReconcileReport[];
  /** A reconciler over this venue, database and Redis prefix (several share one lease). */
  reconciler(overrides?: Partial<ReconcilerOptions>): Reconciler;
  /** Writes one of our order rows, as the executor does (status SUBMITTED, no exchange id yet). */
  submittedOrder(clientOrderId: string, orderTime: Date, amount?: string): Promise<void>;
  /** Records a buy fill in the ledger that the exchange never executed. */
  ledgerOnlyBuy(tradeId: string, amount: string, symbol?: string): Promise<void>;
}

/** One migrated database per file, emptied before each test; a fresh Redis prefix per test. */
export function useReconcileHarness(): (
  initialBalances?: Record<string, Decimal>,
) => Promise<ReconcileUnderTest> {
  let testDatabase: TestDatabase;
  let database: Database;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    testDatabase = await createTestDatabase('reconciler');
    const location = { databaseUrl: testDatabase.url, dataDir: '/nonexistent-not-used' };
    await migrateDatabase(location);
    database = await openDatabase(location);
  });
  beforeEach(async () => {
    await database.prisma.fifoAllocation.deleteMany();
    await database.prisma.fill.deleteMany();
    await database.prisma.tradeRecord.deleteMany();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => {
    await database?.close();
    await testDatabase?.drop();
  });

  return async (initialBalances) => {
    const venue = new ReconcileVenue(initialBalances);
    const prefix = `test-${randomBytes(6).toString('hex')}`;
    const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    cleanups.push(async () => {
      await redis.quit();
    });
    const reducing: Array<{ symbol: string; reason: string }> = [];
    const reports: ReconcileReport[] = [];
    const logger = createLogger({ level: 'silent', service: 'test' });
    const prisma = database.prisma;
    return {
      venue,
      database,
      redis,
      prefix,
      reducing,
      reports,
      reconciler: (overrides = {}) => {
        const reconciler = createReconciler({
          prisma,
          exchange: venue.exchange,
          redis,
          clock: venue.clock,
          logger,
          account: 'default',
          keyPrefix: prefix,
          onSymbolReducing: (symbol, reason) => {
            reducing.push({ symbol, reason });
          },
          onReport: (report) => {
            reports.push(report);
          },
          ...overrides,
        });
        cleanups.push(() => reconciler.stop());
        return reconciler;
      },
      submittedOrder: async (clientOrderId, orderTime, amount = '0.01') => {
        await prisma.tradeRecord.create({
          data: {
            account: 'default',
            exchange: venue.exchange.name,
            clientOrderId,
            symbol: SYMBOL,
            side: 'BUY',
            orderType: 'LIMIT',
            timeInForce: 'GTC',
            status: 'SUBMITTED',
            price: '60100',
            size: amount,
            trigger: 'ALERT',
            source: 'WEBHOOK',
            orderTime,
          },
        });
      },
      ledgerOnlyBuy: async (tradeId, amount, symbol = SYMBOL) => {
        await recordFills(
          prisma,
          [
            {
              account: 'default',
              exchange: venue.exchange.name,
              tradeId,
              orderId: `ledger-only-${tradeId}`,
              symbol,
              side: 'buy',
              price: dec('60000'),
              size: dec(amount),
              fee: dec('0'),
              feeCurrency: 'USD',
              executedAt: venue.clock.now(),
              receivedAt: venue.clock.now(),
              ingestVia: 'IMPORT',
            },
          ],
          { unknownOrderOrigin: 'IMPORT' },
        );
      },
    };
  };
}

/** A decimal string as Postgres returns it, for comparisons. */
export function plain(value: { toString(): string } | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : toPlainString(dec(value.toString()));
}
