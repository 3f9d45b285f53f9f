// A paper venue on a TestClock, real Postgres and Redis, and the webhook system built as the service
// builds it (not started), whose exit executor is under test: the operator's controls are the test's.
import { randomBytes } from 'node:crypto';
import { type Decimal, dec, type TestClock, toPlainString } from '@hookline/core';
import type { PrismaClient, TradeRecord } from '@hookline/db';
import type { ExchangeLanes, QuoteSource } from '@hookline/exchange';
import { createLogger } from '@hookline/runtime';
import { parseConfig } from '@hookline/schemas';
import { readOpenPositions, storeOf, toDbSide } from '@hookline/store';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { inject } from 'vitest';
import { usePerFileDatabase } from '../../../../test/support/per-file-database.js';
import { openRiskControls, type RiskControls } from '../../src/execution/risk-snapshot.js';
import type {
  ExitProgress,
  StartExitRequest,
  StartExitResult,
} from '../../src/exits/executor/exit-executor.js';
import { loadExitOrders } from '../../src/exits/executor/exit-records.js';
import {
  defaultExitExecutionSettings,
  type ExitExecutionSettings,
  type Exits,
  exitSettingsFromConfig,
  type SentinelControls,
} from '../../src/exits/index.js';
import type { TradingPipeline } from '../../src/trading-pipeline.js';
import { buildWebhookSystem } from '../../src/webhook-system.js';
import { PaperVenue, SYMBOL } from '../support/trading-harness.js';

export { SYMBOL };

/** How one exit test is set up. */
export interface ExitHarnessOptions {
  /** The venue's starting balances (default 100 000 USD). */
  readonly initialBalances?: Record<string, Decimal>;
  readonly settings?: Partial<ExitExecutionSettings>;
  /** Where the system logs (default: nowhere). */
  readonly logger?: Logger;
  /** The venue runs through the live adapter's budgets and breakers (built on the venue's clock). */
  readonly lanesFor?: (clock: TestClock) => ExchangeLanes;
}

/**
 * The system's exits as the tests drive them. Exits passes the operator's start and advance straight to
 * the exit executor; advance() is typed back to the executor's progress here.
 */
export interface ExitDriver {
  start(request: StartExitRequest): Promise<StartExitResult>;
  advance(): Promise<readonly ExitProgress[]>;
  activeExitSymbols(): Promise<ReadonlySet<string>>;
}

function driverOf(exits: Exits): ExitDriver {
  return {
    start: (request) => exits.start(request),
    advance: async () => (await exits.advance()) as readonly ExitProgress[],
    activeExitSymbols: () => exits.activeExitSymbols(),
  };
}

/** What an exit test works with: a paper venue on a TestClock, the real pipeline, real Postgres and Redis. */
export interface ExitsUnderTest {
  readonly venue: PaperVenue;
  readonly prisma: PrismaClient;
  readonly pipeline: TradingPipeline;
  readonly settings: ExitExecutionSettings;
  /** The system's quote cache (what the sentinel and the exit executor read). */
  readonly quotes: QuoteSource;
  /** The exits of the system under test (its exit executor). */
  readonly exits: ExitDriver;
  /** The exits of a new system over the same database, venue and Redis prefix (a restarted process). */
  newExits(): Promise<ExitDriver>;
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

/** Registers a per-file database; each call builds a fresh venue and system. */
export function useExitHarness(): (options?: ExitHarnessOptions) => Promise<ExitsUnderTest> {
  const perFile = usePerFileDatabase('exits');

  return async (options = {}) => {
    const prisma = perFile.database().prisma;
    const venue = new PaperVenue(options.initialBalances, options.lanesFor);
    const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    perFile.onCleanup(async () => {
      await redis.quit();
    });
    const logger = options.logger ?? createLogger({ level: 'silent', service: 'test' });
    const config = parseConfig({ HOOKLINE_ACCOUNT: 'default' });
    const prefix = `exits-${randomBytes(6).toString('hex')}`;
    const settings = { ...defaultExitExecutionSettings, ...options.settings };
    let controls: RiskControls = openRiskControls;
    const operator: SentinelControls = {
      riskControls: async () => controls,
      setTradingState: async (tradingState) => {
        controls = { ...controls, tradingState };
      },
    };
    // Every system has its own order and exit executors: nothing survives a restart but the database.
    const build = async () => {
      const system = await buildWebhookSystem(
        { config, store: storeOf(prisma), exchange: venue.exchange, clock: venue.clock, logger, redis },
        {
          prefix,
          exit: { ...exitSettingsFromConfig(config), execution: settings },
          sentinelControls: operator,
          backfillIntervalMs: 0,
        },
      );
      perFile.onCleanup(() => system.stop());
      return system;
    };
    const system = await build();
    const pipeline = system.pipeline;
    await pipeline.fills.idle(); // subscribed before anything trades
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
      quotes: system.quotes,
      exits: driverOf(system.sentinel.exits),
      newExits: async () => driverOf((await build()).sentinel.exits),
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
