// A paper venue on a TestClock, real Postgres and Redis, a fresh account and Redis prefix per test, and
// webhook systems built as the service builds them (not started), whose sentinels are under test.
import { randomBytes } from 'node:crypto';
import { type Decimal, dec } from '@hookline/core';
import type { Database } from '@hookline/db';
import type { ExchangePort } from '@hookline/exchange';
import { recordFills } from '@hookline/ledger-store';
import { createLogger } from '@hookline/runtime';
import { parseConfig } from '@hookline/schemas';
import { storeOf } from '@hookline/store';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { usePerFileDatabase } from '../../../../test/support/per-file-database.js';
import {
  defaultExitExecutionSettings,
  defaultExitRuleSettings,
  type ExitSettings,
  type Sentinel,
  type SentinelExits,
  type StartExitRequest,
  type StartExitResult,
} from '../../src/exits/index.js';
import { buildWebhookSystem, type OnlineWebhookSystem } from '../../src/webhook-system.js';
import { PaperVenue } from '../support/trading-harness.js';

/** The read token of the systems' HTTP apps (GET /api/* needs it). */
export const READ_TOKEN = 'sentinel-harness-read-token-0123';

/** Test settings: the documented rules, a 3 s loop, cap 8, 5-minute repeat. */
export function sentinelTestSettings(account: string, overrides: Partial<ExitSettings> = {}): ExitSettings {
  return {
    account,
    rules: defaultExitRuleSettings,
    execution: {
      account,
      limitOffsetBps: 1,
      timeoutMs: 30_000,
      repriceAttempts: 3,
      hardStopLadderBps: [0, 5, 10, 15],
      maxSlippagePct: defaultExitExecutionSettings.maxSlippagePct,
      allowMarket: false,
    },
    loop: { intervalMs: 3_000, leaseTtlMs: 10_000 },
    cap: { maxOpenPositions: 8, waitMs: 10_000, maxCycles: 3 },
    whyNotSold: { repeatMs: 5 * 60_000, firstRetryMs: 30_000 },
    hodlAssets: new Set(),
    ...overrides,
  };
}

/** An exit executor that records what it is asked and answers as told. */
export class RecordingExits implements SentinelExits {
  readonly started: StartExitRequest[] = [];
  advances = 0;
  readonly active = new Set<string>();
  /** Answers start(); the default starts every exit. */
  answer: (request: StartExitRequest) => Promise<StartExitResult> = async (request) => ({
    kind: 'STARTED',
    decisionId: `decision-${this.started.length}`,
    clientOrderId: `client-${this.started.length}`,
    amount: request.positionAmount,
  });
  /** Runs inside advance() (to make a sweep slow). */
  onAdvance: () => Promise<void> = async () => undefined;

  async start(request: StartExitRequest): Promise<StartExitResult> {
    this.started.push(request);
    return await this.answer(request);
  }

  async advance(): Promise<readonly unknown[]> {
    this.advances += 1;
    await this.onAdvance();
    return [];
  }

  async activeExitSymbols(): Promise<ReadonlySet<string>> {
    return new Set(this.active);
  }
}

/** How one system of a sentinel test is built. */
export interface SentinelSystemOptions {
  /** The sentinel's exit executor (default: a RecordingExits). */
  readonly exits?: SentinelExits;
  readonly settings?: Partial<ExitSettings>;
  /** The port the system trades on (default: the venue's). */
  readonly exchange?: ExchangePort;
  /** The system's own exit executor over its order executor, instead of `exits`. */
  readonly realExecutor?: boolean;
  /** Configuration keys over the harness's (notification channels). */
  readonly env?: Readonly<Record<string, string>>;
}

/** What a sentinel test works with. */
export interface SentinelUnderTest {
  readonly venue: PaperVenue;
  readonly database: Database;
  readonly redis: Redis;
  readonly prefix: string;
  readonly account: string;
  /** The heartbeat's service name of this test (never the shared `sentinel`). */
  readonly heartbeatService: string;
  /** Quotes for several symbols at the venue's current time. */
  quote(quotes: Record<string, string>): void;
  /** Moves the venue's clock (quotes age; nothing new is quoted). */
  advance(ms: number): void;
  /** Records a fill in the ledger for the test's account. */
  fill(side: 'buy' | 'sell', symbol: string, amount: string, price: string): Promise<void>;
  /** A system over this venue, database and Redis prefix (stopped after the test); several share one lease. */
  system(options?: SentinelSystemOptions): Promise<OnlineWebhookSystem>;
  /** The sentinel of a new system(options). */
  sentinel(options?: SentinelSystemOptions): Promise<Sentinel>;
  /** The account's EXIT decisions, oldest first. */
  exitDecisions(
    symbol?: string,
  ): Promise<Array<{ reasonCode: string; exitReason: string | null; outcome: string }>>;
}

let fillSequence = 0;

/** One migrated database per file; a fresh account, Redis prefix and venue per test. */
export function useSentinelHarness(): (balances?: Record<string, string>) => Promise<SentinelUnderTest> {
  const perFile = usePerFileDatabase('sentinel');
  return async (balances) => {
    const database = perFile.database();
    const initial = balances === undefined ? undefined : toDecimals(balances);
    const venue = new PaperVenue(initial);
    const prefix = `test-${randomBytes(6).toString('hex')}`;
    const account = `acct-${prefix}`;
    const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    perFile.onCleanup(async () => {
      await redis.quit();
    });
    const logger = createLogger({ level: 'silent', service: 'test' });
    const config = parseConfig({ HOOKLINE_ACCOUNT: account, READ_TOKEN });
    const prisma = database.prisma;
    const heartbeatService = `sentinel-${prefix}`;
    const system: SentinelUnderTest['system'] = async (options = {}) => {
      const exits = options.realExecutor ? undefined : (options.exits ?? new RecordingExits());
      const built = await buildWebhookSystem(
        {
          config:
            options.env === undefined
              ? config
              : parseConfig({ HOOKLINE_ACCOUNT: account, READ_TOKEN, ...options.env }),
          store: storeOf(prisma),
          exchange: options.exchange ?? venue.exchange,
          clock: venue.clock,
          logger,
          redis,
        },
        {
          prefix,
          exit: sentinelTestSettings(account, options.settings),
          ...(exits === undefined ? {} : { exits }),
          sentinelHeartbeatService: heartbeatService,
          backfillIntervalMs: 0,
        },
      );
      perFile.onCleanup(() => built.stop());
      return built;
    };
    return {
      venue,
      database,
      redis,
      prefix,
      account,
      heartbeatService,
      system,
      sentinel: async (options) => (await system(options)).sentinel,
      quote: (quotes) => {
        for (const [symbol, bid] of Object.entries(quotes)) {
          const ask = dec(bid).times('1.0001').toDecimalPlaces(2);
          venue.source.push({
            symbol,
            timeMs: venue.clock.nowMs(),
            bid: dec(bid),
            ask,
            bidSize: dec('100'),
            askSize: dec('100'),
            volume: dec('0'),
          });
        }
        venue.exchange.tick();
      },
      advance: (ms) => {
        venue.clock.advance(ms);
      },
      fill: async (side, symbol, amount, price) => {
        fillSequence += 1;
        const tradeId = `${prefix}-${fillSequence}`;
        await recordFills(
          prisma,
          [
            {
              account,
              exchange: venue.exchange.name,
              tradeId,
              orderId: `order-${tradeId}`,
              symbol,
              side,
              price: dec(price),
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
      exitDecisions: async (symbol) =>
        await prisma.decision.findMany({
          where: { account, intent: 'EXIT', ...(symbol === undefined ? {} : { symbol }) },
          orderBy: { createdAt: 'asc' },
          select: { reasonCode: true, exitReason: true, outcome: true },
        }),
    };
  };
}

function toDecimals(balances: Record<string, string>): Record<string, Decimal> {
  return Object.fromEntries(Object.entries(balances).map(([currency, amount]) => [currency, dec(amount)]));
}
