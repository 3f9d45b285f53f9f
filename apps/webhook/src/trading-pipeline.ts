// Composes the webhook's trading path: job queues and workers (alert → decision → intent → submit →
// timeout), the order executor and the fill consumer (stream + REST backfill → ledger).
import type { Clock } from '@hookline/core';
import type { ExchangePort, QuoteSource } from '@hookline/exchange';
import type { LedgerOptions } from '@hookline/ledger';
import { jobQueuePrefixOf } from '@hookline/schemas';
import type { Store } from '@hookline/store';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RedisDailyBaselineStore } from './execution/daily-baseline-store.js';
import type { EntrySettings } from './execution/entry-settings.js';
import type { OrderExecutor } from './execution/order-executor.js';
import type { UserExits } from './execution/user-exits.js';
import { FillConsumer } from './fills/fill-consumer.js';
import { RedisFillCursorStore } from './fills/fill-cursor-store.js';
import type { FillRecorder } from './fills/fill-recorder.js';
import type { AcceptedAlertHandler } from './ingress/accepted-alert.js';
import { JobQueues } from './jobs/job-queues.js';
import { type JobConcurrency, JobWorkers } from './jobs/job-workers.js';
import { RecoverySweeper } from './jobs/recovery-sweeper.js';
import { RedisLease } from './leases/redis-lease.js';
import type { TradingEvents } from './notify/event-publisher.js';
import { buildTradingCore } from './trading-core.js';

/** What the pipeline is built from. */
export interface TradingPipelineOptions {
  readonly store: Store;
  readonly exchange: ExchangePort;
  /** The quote cache entries read their quote from (undefined: REST fetchTicker only). */
  readonly quotes?: QuoteSource;
  readonly redis: Redis;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: EntrySettings;
  readonly ledger: LedgerOptions;
  /**
   * Base Redis key prefix (default `hookline`): the fill cursor and lease and the daily baselines live
   * under it, the job queues under the account's own prefix below it (jobQueuePrefixOf).
   */
  readonly prefix?: string;
  readonly backfillIntervalMs: number;
  /** The fill consumer's lease (one consumer per account and exchange across replicas; default 30 s). */
  readonly fillLeaseTtlMs?: number;
  readonly concurrency?: JobConcurrency;
  /** The longest wait between two runs of a job the infrastructure failed (default 30 s). */
  readonly infrastructureBackoffCapMs?: number;
  /** How often the recovery sweeper runs (default 5 s; its grace is the same). */
  readonly sweepIntervalMs?: number;
  /** false: the fill consumer is built but never started (fills then come only from the reconciler). */
  readonly consumeFills?: boolean;
  /** Where sell and exit alerts start their exit (the system binds the sentinel's Exits). */
  readonly exits: UserExits;
  /** Where fills and the daily loss limit's refusals are told (default: nowhere). */
  readonly events?: TradingEvents;
}

/** The running pipeline. */
export interface TradingPipeline {
  readonly queues: JobQueues;
  readonly executor: OrderExecutor;
  readonly recorder: FillRecorder;
  readonly fills: FillConsumer;
  /** Ingress's hand-off: enqueue `alert.process` for each, in one round trip (job id = alert id, so a repeat adds nothing). */
  readonly onAccepted: AcceptedAlertHandler;
  /** Re-drives unfinished alerts and entries (runs periodically; callable for tests). */
  readonly sweeper: RecoverySweeper;
  /** Stops the workers (waiting for running jobs), the fill consumer, then the queues. */
  stop(): Promise<void>;
}

/** Ingress's hand-off to the queue: one `alert.process` job per accepted alert, all in one round trip. */
export function acceptedToQueue(queues: Pick<JobQueues, 'enqueueBulk'>): AcceptedAlertHandler {
  return async (accepted) => {
    await queues.enqueueBulk(
      'alert.process',
      accepted.map(({ alertId }) => ({ alertId })),
    );
  };
}

/** Starts the workers and the fill consumer. */
export async function startTradingPipeline(options: TradingPipelineOptions): Promise<TradingPipeline> {
  const { store, exchange, redis, clock, logger, settings } = options;
  const prefix = options.prefix ?? 'hookline';
  const fillLeaseTtlMs = options.fillLeaseTtlMs ?? 30_000;
  // The account's own queues: another account's deployment on the same Redis never sees these jobs.
  const connection = { connection: redis, prefix: jobQueuePrefixOf(settings.account, prefix) };
  const queues = new JobQueues(connection);
  const { executor, recorder, handlers } = buildTradingCore({
    ...(options.quotes === undefined ? {} : { quotes: options.quotes }),
    store,
    exchange,
    clock,
    logger,
    settings,
    ledger: options.ledger,
    queues,
    baselines: new RedisDailyBaselineStore(redis, prefix),
    exits: options.exits,
    ...(options.events === undefined ? {} : { events: options.events }),
  });
  const workers = new JobWorkers(connection, handlers, logger, {
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.infrastructureBackoffCapMs === undefined
      ? {}
      : { infrastructureBackoffCapMs: options.infrastructureBackoffCapMs }),
  });
  const fills = new FillConsumer({
    store,
    exchange,
    recorder,
    cursor: new RedisFillCursorStore(redis, settings.account, exchange.name, prefix),
    logger,
    backfillIntervalMs: options.backfillIntervalMs,
    lease: new RedisLease(
      redis,
      `${prefix}:fills:lease:${settings.account}:${exchange.name}`,
      fillLeaseTtlMs,
    ),
    leaseRetryMs: Math.max(1, Math.floor(fillLeaseTtlMs / 3)),
  });
  const sweepIntervalMs = options.sweepIntervalMs ?? 5_000;
  const sweeper = new RecoverySweeper({
    store,
    queues,
    executor,
    clock,
    logger,
    account: settings.account,
    exchange: exchange.name,
    graceMs: sweepIntervalMs,
    entryTimeoutMs: settings.timeoutMs,
  });
  await workers.ready();
  if (options.consumeFills !== false) fills.start();
  sweeper.start(sweepIntervalMs);
  return {
    queues,
    executor,
    recorder,
    fills,
    sweeper,
    onAccepted: acceptedToQueue(queues),
    stop: async () => {
      await sweeper.stop();
      await workers.close();
      await fills.stop();
      await queues.close();
    },
  };
}
