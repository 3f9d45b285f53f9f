// The exit sentinel: every interval, on one replica per account, every open position through the
// exit rules; exits handed to the exit executor; the position cap; "why not sold" in `decisions`.

import type { Clock } from '@hookline/core';
import type { ExchangePort, QuoteSource } from '@hookline/exchange';
import type { MatrixReader } from '@hookline/runtime';
import { heartbeatKey, type ReadinessCheck } from '@hookline/runtime';
import type { Store } from '@hookline/store';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { OrderExecutor } from '../../execution/order-executor.js';
import { RedisLease } from '../../leases/redis-lease.js';
import type { TradingEvents } from '../../notify/event-publisher.js';
import { ExitExecutor } from '../executor/exit-executor.js';
import { Exits } from '../executor/exits.js';
import type { ExitSettings } from '../exit-settings.js';
import { ProtectiveStopKeeper } from '../protective-stops/protective-stop-keeper.js';
import {
  defaultProtectiveStopSettings,
  protectiveStopsEnabled,
} from '../protective-stops/protective-stop-settings.js';
import { SentinelMemory } from '../sentinel-memory.js';
import { SentinelLoop } from './sentinel-loop.js';
import type { SentinelControls, SentinelExits } from './sentinel-ports.js';
import { marketDataCheck, sentinelHeartbeatCheck } from './sentinel-readiness.js';
import { SentinelSweep } from './sentinel-sweep.js';
import { type SentinelOrderCalls, SoleWriterCounts } from './sole-writer-counts.js';
import type { SweepReport } from './sweep-report.js';

/** What createSentinel needs: an exit executor (`exits`) or the order executor to build one from. */
export interface SentinelOptions {
  readonly store: Store;
  readonly exchange: ExchangePort;
  /** The quote cache the sweep and the exit executor read quotes from. */
  readonly quotes: QuoteSource;
  /** undefined (replay): no lease, no heartbeat, no matrix rows. */
  readonly redis: Redis | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: ExitSettings;
  readonly controls: SentinelControls;
  /** The exit executor (tests: a recording fake); built from `executor` when not given. */
  readonly exits?: SentinelExits;
  readonly executor?: OrderExecutor;
  /** Redis key prefix of the lease (default `hookline`). */
  readonly keyPrefix?: string;
  /** Redis key prefix of sighook's matrix rows (default `hookline`). */
  readonly matrixPrefix?: string;
  /** Where matrix rows are read instead of Redis (a backtest's rows). */
  readonly matrix?: MatrixReader | undefined;
  /** The heartbeat's service name (default `sentinel`: what /metrics reads). */
  readonly heartbeatService?: string;
  /** Where exits, stops, the cap's HALT and exits held at their cap are told (default: nowhere). */
  readonly events?: TradingEvents;
  /**
   * True when nothing but this process writes the account's rows (a backtest in its own throwaway
   * database, no lease): the sentinel reads its memory and position states once and then keeps them,
   * and its exit executor reads no working exits after it found none until it starts one. With
   * `ledgerWrites` it also keeps the open positions until the process records fills, and the working
   * protective stops until its own order calls or a fill could have changed them (SoleWriterCounts).
   * The decisions are the same as with every read made; only repeated reads of what it wrote itself
   * are skipped.
   */
  readonly soleWriter?: boolean;
  /** With soleWriter: how many times this process has written the account's ledger (FillRecorder.writes). */
  readonly ledgerWrites?: () => number;
}

/** A sentinel of one account. */
export interface Sentinel {
  /** Sweeps now and every interval. */
  start(): void;
  /** Stops the timer, waits for a running sweep, releases the lease. */
  stop(): Promise<void>;
  /** One sweep now (after a running one); undefined when another replica leads or it failed. */
  sweepOnce(): Promise<SweepReport | undefined>;
  /** The one way to start an exit (the sweep, the cap and flatten), over the exit executor. */
  readonly exits: Exits;
  /** The loop (leadership, skipped ticks, last report). */
  readonly loop: SentinelLoop;
  /** Register with the ReadinessRegistry: heartbeat (when Redis is given) and market data. */
  readonly readiness: readonly ReadinessCheck[];
}

/** Builds the sentinel; nothing runs until start() or sweepOnce(). */
export function createSentinel(options: SentinelOptions): Sentinel {
  const { redis, settings, clock, logger } = options;
  const sentinelLogger = logger.child({ component: 'sentinel' });
  const counts =
    options.soleWriter === true && options.ledgerWrites !== undefined
      ? new SoleWriterCounts(options.ledgerWrites)
      : undefined;
  // Every order call of the sentinel's exits and keeper is counted. Exits given from outside are not
  // seen, so with them the keeper reads its stops every sweep.
  const executor =
    counts === undefined || options.executor === undefined
      ? options.executor
      : counts.counted(options.executor);
  const stopCounts = options.exits === undefined ? counts : undefined;
  const memory = new SentinelMemory({
    store: options.store,
    account: settings.account,
    now: () => clock.now(),
    soleWriter: options.soleWriter === true,
  });
  const exits = new Exits({
    executor: options.exits ?? buildExitExecutor(options, executor),
    clock,
    logger: sentinelLogger,
    firstRetryMs: settings.whyNotSold.firstRetryMs,
    maxRetryMs: settings.whyNotSold.repeatMs,
    memory,
    ...(options.events === undefined ? {} : { events: options.events }),
  });
  const protectiveStops = buildProtectiveStopKeeper(options, sentinelLogger, executor, stopCounts);
  const prefix = options.keyPrefix ?? 'hookline';
  const lease =
    redis === undefined
      ? undefined
      : new RedisLease(
          redis,
          `${prefix}:sentinel:lease:${settings.account}:${options.exchange.name}`,
          settings.loop.leaseTtlMs,
        );
  const sweep = new SentinelSweep({
    ...options,
    logger: sentinelLogger,
    exits,
    memory,
    protectiveStops,
    writerTerm: () => lease?.term,
  });
  const service = options.heartbeatService ?? 'sentinel';
  const loop = new SentinelLoop({
    sweep: () => sweep.run(),
    intervalMs: settings.loop.intervalMs,
    lease,
    heartbeat: redis === undefined ? undefined : { redis, key: heartbeatKey(service, settings.account) },
    clock,
    logger,
  });
  const readiness: ReadinessCheck[] = [marketDataCheck(loop)];
  if (redis !== undefined) {
    readiness.unshift(
      sentinelHeartbeatCheck({
        redis,
        clock,
        service,
        account: settings.account,
        intervalMs: settings.loop.intervalMs,
      }),
    );
  }
  return {
    start: () => loop.start(),
    stop: () => loop.stop(),
    sweepOnce: () => loop.sweepOnce(),
    exits,
    loop,
    readiness,
  };
}

// The keeper places orders through the order executor; without one (tests' recording exits) it is off.
function buildProtectiveStopKeeper(
  options: SentinelOptions,
  logger: Logger,
  executor: SentinelOrderCalls | undefined,
  counts: SoleWriterCounts | undefined,
): ProtectiveStopKeeper | undefined {
  const { settings, exchange } = options;
  if (!protectiveStopsEnabled(settings.protectiveStops, exchange) || executor === undefined) return undefined;
  return new ProtectiveStopKeeper({
    store: options.store,
    exchange,
    executor,
    clock: options.clock,
    logger: logger.child({ component: 'protective-stops' }),
    account: settings.account,
    rules: settings.rules,
    settings: settings.protectiveStops ?? defaultProtectiveStopSettings,
    ...(counts === undefined ? {} : { stopsVersion: () => counts.stopsVersion() }),
  });
}

function buildExitExecutor(options: SentinelOptions, executor: SentinelOrderCalls | undefined): ExitExecutor {
  if (executor === undefined) throw new Error('createSentinel needs `exits` or `executor`');
  const { store, exchange, quotes, clock, logger, settings, controls } = options;
  return new ExitExecutor(
    {
      store,
      exchange,
      quotes,
      executor,
      clock,
      logger: logger.child({ component: 'exits' }),
      settings: settings.execution,
      controls: (symbol) => controls.riskControls(symbol),
      maxQuoteAgeMs: settings.rules.maxQuoteAgeMs,
      ...(options.events === undefined ? {} : { events: options.events }),
    },
    { soleWriter: options.soleWriter === true },
  );
}
