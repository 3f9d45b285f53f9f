import { randomBytes } from 'node:crypto';
import { type Decimal, dec, toPlainString } from '@hookline/core';
import type { PrismaClient, TradeRecord } from '@hookline/db';
import { createLogger } from '@hookline/runtime';
import { readOpenPositions, storeOf, toDbSide } from '@hookline/store';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { usePerFileDatabase } from '../../../../test/support/per-file-database.js';
import { OrderExecutor } from '../../src/execution/order-executor.js';
import { openRiskControls, type RiskControls } from '../../src/execution/risk-snapshot.js';
import { ExitExecutor } from '../../src/exits/executor/exit-executor.js';
import { loadExitOrders } from '../../src/exits/executor/exit-records.js';
import { defaultExitExecutionSettings, type ExitExecutionSettings } from '../../src/exits/exit-settings.js';
import { startTradingPipeline, type TradingPipeline } from '../../src/trading-pipeline.js';
import { PaperVenue, SYMBOL, testSettings } from '../support/trading-harness.js';

export { SYMBOL };

/** How one exit test is set up. */
export interface ExitHarnessOptions {
  /** The venue's starting balances (default 100 000 USD). */
  readonly initialBalances?: Record<string, Decimal>;
  readonly settings?: Partial<ExitExecutionSettings>;
}

/** What an exit test works with: a paper venue on a TestClock, the real pipeline, real Postgres and Redis. */
export interface ExitsUnderTest {
  readonly venue: PaperVenue;
  readonly prisma: PrismaClient;
  readonly pipeline: TradingPipeline;
  readonly settings: ExitExecutionSettings;
  /** The exit executor under test. */
  readonly exits: ExitExecutor;
  /** A new executor over the same database and venue (a restarted process). */
  newExits(): ExitExecutor;
  /** Sets what the operator's controls say from now on. */
  setControls(controls: Partial<RiskControls>): void;
  /** Buys `amount` BTC at the ask (a taker fill) and waits until the ledger holds it. */
  buy(amount: string): Promise<TradeRecord>;
  /** Places a buy LIMIT at `price` that rests. */
  restingBuy(amount: string, price: string): Promise<TradeRecord>;
  /** Sells `amount` BTC at the bid outside any exit (an operator's manual sale). */
  sellOutsideExit(amount: string): Promise<void>;
  /** Waits until the fill consumer has applied everything the venue reported. */
  settle(): Promise<void>;
  /** The open position of BTC/USD in the ledger ('0' when none). */
  position(): Promise<string>;
  /** The exit's orders, first attempt first. */
  exitOrders(decisionId: string): Promise<TradeRecord[]>;
}

/** Registers a per-file database; each call builds a fresh venue, pipeline and exit executor. */
export function useExitHarness(): (options?: ExitHarnessOptions) => Promise<ExitsUnderTest> {
  const perFile = usePerFileDatabase('exits');

  return async (options = {}) => {
    const prisma = perFile.database().prisma;
    const venue = new PaperVenue(options.initialBalances);
    const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    perFile.onCleanup(async () => {
      await redis.quit();
    });
    const logger = createLogger({ level: 'silent', service: 'test' });
    const pipeline = await startTradingPipeline({
      store: storeOf(prisma),
      exchange: venue.exchange,
      redis,
      clock: venue.clock,
      logger,
      settings: testSettings(),
      ledger: {},
      prefix: `exits-${randomBytes(6).toString('hex')}`,
      backfillIntervalMs: 0,
    });
    perFile.onCleanup(() => pipeline.stop());
    await pipeline.fills.idle(); // subscribed before anything trades
    const settings = { ...defaultExitExecutionSettings, ...options.settings };
    let controls: RiskControls = openRiskControls;
    // Every instance gets its own order executor too: nothing survives a restart but the database.
    const newExits = () =>
      new ExitExecutor({
        store: storeOf(prisma),
        exchange: venue.exchange,
        executor: new OrderExecutor({
          store: storeOf(prisma),
          exchange: venue.exchange,
          queues: pipeline.queues,
          clock: venue.clock,
          logger,
        }),
        clock: venue.clock,
        logger,
        settings,
        controls: () => controls,
        maxQuoteAgeMs: 15_000,
      });
    const trade = async (side: 'buy' | 'sell', amount: string, price: string): Promise<TradeRecord> => {
      const decision = await prisma.decision.create({
        data: {
          symbol: SYMBOL,
          side: side === 'buy' ? 'BUY' : 'SELL',
          intent: side === 'buy' ? 'ENTRY' : 'EXIT',
          outcome: 'ORDERED',
          reasonCode: side === 'buy' ? 'ORDERED' : 'MANUAL',
          ...(side === 'sell' ? { exitReason: 'MANUAL' as const } : {}),
          ruleInputs: { test: true },
        },
      });
      const clientOrderId = await pipeline.executor.writeIntent({
        decisionId: decision.decisionId,
        account: 'default',
        exchange: venue.exchange.name,
        symbol: SYMBOL,
        side,
        amount: dec(amount),
        price: dec(price),
        postOnly: false,
        trigger: side === 'buy' ? 'ALERT' : 'EXIT',
        ...(side === 'sell' ? { exitReason: 'MANUAL' as const } : {}),
        source: 'WEBHOOK',
      });
      await pipeline.executor.submit(clientOrderId);
      await pipeline.fills.idle();
      return await prisma.tradeRecord.findUniqueOrThrow({ where: { clientOrderId } });
    };
    const quote = async () => venue.exchange.fetchTicker(SYMBOL);
    return {
      venue,
      prisma,
      pipeline,
      settings,
      exits: newExits(),
      newExits,
      setControls: (changes) => {
        controls = { ...controls, ...changes };
      },
      buy: async (amount) => trade('buy', amount, toPlainString((await quote()).ask)),
      restingBuy: async (amount, price) => trade('buy', amount, price),
      sellOutsideExit: async (amount) => {
        await trade('sell', amount, toPlainString((await quote()).bid));
      },
      settle: () => pipeline.fills.idle(),
      position: async () => {
        const positions = await readOpenPositions(storeOf(prisma), { account: 'default' });
        const held = positions.find((position) => position.symbol === SYMBOL);
        return held === undefined ? '0' : toPlainString(held.amount);
      },
      // As the database holds them (side BUY/SELL), in attempt order.
      exitOrders: async (decisionId) =>
        (await loadExitOrders(storeOf(prisma), decisionId)).map(({ row }) => ({
          ...row,
          side: toDbSide(row.side),
        })),
    };
  };
}

/** A decimal as a plain string, for comparisons ('0.01', never '1e-2'). */
export function plain(value: { toString(): string } | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : toPlainString(dec(value.toString()));
}
