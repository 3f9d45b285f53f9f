// The trading path's components that every webhook system has, whatever runs its jobs: the order
// executor (intents, submit, timeouts), the alert processor (risk gate, preflight, decision) and the
// fill recorder (fills → ledger), with the job catalog's handlers over them. The service runs the
// handlers on BullMQ workers; a system without Redis (replay, backtest) runs them inline on its clock.
import type { Clock } from '@hookline/core';
import type { ExchangePort, QuoteSource } from '@hookline/exchange';
import type { LedgerOptions } from '@hookline/ledger';
import type { Store } from '@hookline/store';
import type { Logger } from 'pino';
import { AlertProcessor } from './execution/alert-processor.js';
import type { DailyBaselineStore } from './execution/daily-baseline-store.js';
import type { EntrySettings } from './execution/entry-settings.js';
import { OrderExecutor } from './execution/order-executor.js';
import type { UserExits } from './execution/user-exits.js';
import { FillRecorder } from './fills/fill-recorder.js';
import type { JobHandlers } from './jobs/job-catalog.js';
import { jobHandlers } from './jobs/job-handlers.js';
import type { JobQueues } from './jobs/job-queues.js';
import type { TradingEvents } from './notify/event-publisher.js';

/** What the trading core is built from. */
export interface TradingCoreOptions {
  readonly store: Store;
  readonly exchange: ExchangePort;
  /** The quote cache entries read their quote from (undefined: REST fetchTicker only). */
  readonly quotes?: QuoteSource;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: EntrySettings;
  readonly ledger: LedgerOptions;
  /** Where the executor enqueues submits and timeouts. */
  readonly queues: Pick<JobQueues, 'enqueue'>;
  /** The daily loss limit's baselines. */
  readonly baselines: DailyBaselineStore;
  /** Where sell and exit alerts start their exit (the system binds the sentinel's Exits). */
  readonly exits: UserExits;
  /** Where fills and the daily loss limit's refusals are told (default: nowhere). */
  readonly events?: TradingEvents;
}

/** The components and the handlers of the job catalog over them. */
export interface TradingCore {
  readonly executor: OrderExecutor;
  readonly processor: AlertProcessor;
  readonly recorder: FillRecorder;
  readonly handlers: JobHandlers;
}

/** Builds the executor, the processor, the recorder and the job handlers. */
export function buildTradingCore(options: TradingCoreOptions): TradingCore {
  const { store, exchange, clock, logger, settings, queues, baselines, exits } = options;
  const executor = new OrderExecutor({ store, exchange, queues, clock, logger });
  const processor = new AlertProcessor({
    store,
    exchange,
    ...(options.quotes === undefined ? {} : { quotes: options.quotes }),
    executor,
    clock,
    logger,
    settings,
    baselines,
    exits,
    ...(options.events === undefined ? {} : { events: options.events }),
  });
  const recorder = new FillRecorder({
    store,
    clock,
    account: settings.account,
    exchange: exchange.name,
    ledger: options.ledger,
    ...(options.events === undefined ? {} : { events: options.events }),
  });
  return { executor, processor, recorder, handlers: jobHandlers(processor, executor) };
}
