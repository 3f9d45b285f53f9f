// A paper venue on a TestClock, real Postgres and Redis, and webhook systems built as the service
// builds them (not started), whose reconcilers are under test. Their fill consumers stay off: the
// fills the stream missed are the reconciler's to find.
import { randomBytes } from 'node:crypto';
import { type Decimal, dec } from '@hookline/core';
import type { Database } from '@hookline/db';
import { recordFills } from '@hookline/ledger-store';
import { createLogger } from '@hookline/runtime';
import { parseConfig } from '@hookline/schemas';
import { storeOf } from '@hookline/store';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { usePerFileDatabase } from '../../../../test/support/per-file-database.js';
import type { TradingControls } from '../../src/controls/trading-controls.js';
import type { ReconcileReport, Reconciler } from '../../src/reconciler/index.js';
import { buildWebhookSystem, type WebhookOverrides } from '../../src/webhook-system.js';
import { PaperVenue } from '../support/trading-harness.js';

export const SYMBOL = 'BTC/USD';

/** What a test works with. */
export interface ReconcileUnderTest {
  readonly venue: PaperVenue;
  readonly database: Database;
  readonly redis: Redis;
  readonly prefix: string;
  /** Symbols the reconcilers put in REDUCING in the operator's controls, with the reason. */
  reducing(): Promise<Array<{ symbol: string; reason: string }>>;
  /** Every report of every reconciler of the test, in order. */
  readonly reports: ReconcileReport[];
  /** The reconciler of a new system over this venue, database and Redis prefix (several share one lease). */
  reconciler(overrides?: ReconcilerOverrides): Promise<Reconciler>;
  /** Writes one of our order rows, as the executor does (status SUBMITTED, no exchange id yet). */
  submittedOrder(clientOrderId: string, orderTime: Date, amount?: string): Promise<void>;
  /** Records a buy fill in the ledger that the exchange never executed. */
  ledgerOnlyBuy(tradeId: string, amount: string, symbol?: string): Promise<void>;
}

/** Reconciler settings over the system's (grace, lease, ...). */
export type ReconcilerOverrides = NonNullable<WebhookOverrides['reconciler']>;

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
    const reports: ReconcileReport[] = [];
    const logger = createLogger({ level: 'silent', service: 'test' });
    const config = parseConfig({ HOOKLINE_ACCOUNT: 'default' });
    const prisma = database.prisma;
    let controls: TradingControls | undefined;
    return {
      venue,
      database,
      redis,
      prefix,
      reports,
      reducing: async () => {
        const flagged = controls === undefined ? {} : (await controls.snapshot()).reducingSymbols;
        return Object.entries(flagged).map(([symbol, reason]) => ({ symbol, reason }));
      },
      reconciler: async (overrides = {}) => {
        const system = await buildWebhookSystem(
          { config, store: storeOf(prisma), exchange: venue.exchange, clock: venue.clock, logger, redis },
          {
            prefix,
            consumeFills: false,
            reconciler: {
              onReport: (report) => {
                reports.push(report);
              },
              ...overrides,
            },
          },
        );
        perFile.onCleanup(() => system.stop());
        controls = system.controls;
        return system.reconciler;
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
