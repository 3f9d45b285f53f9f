import { randomBytes } from 'node:crypto';
import { type Decimal, dec, toPlainString } from '@hookline/core';
import type { Database } from '@hookline/db';
import { recordFills } from '@hookline/ledger-store';
import { createLogger } from '@hookline/runtime';
import { storeOf } from '@hookline/store';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { usePerFileDatabase } from '../../../../test/support/per-file-database.js';
import {
  createReconciler,
  type ReconcileReport,
  type Reconciler,
  type ReconcilerOptions,
} from '../../src/reconciler/index.js';
import { PaperVenue } from '../support/trading-harness.js';

export const SYMBOL = 'BTC/USD';

/** What a test works with. */
export interface ReconcileUnderTest {
  readonly venue: PaperVenue;
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
  const perFile = usePerFileDatabase('reconciler');

  return async (initialBalances) => {
    const database = perFile.database();
    const venue = new PaperVenue(initialBalances ?? { USD: dec('100000') });
    const prefix = `test-${randomBytes(6).toString('hex')}`;
    const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    perFile.onCleanup(async () => {
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
          store: storeOf(prisma),
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
        perFile.onCleanup(() => reconciler.stop());
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
