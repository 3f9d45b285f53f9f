// The recovery sweeper re-drives work that a crash, a lost hand-off or an outage left unfinished. It
// pages through everything in flight, oldest first, with a keyset cursor (no fixed window, so stuck
// items ahead never hide newer ones), and for each item older than a grace period:
//   - an ACCEPTED alert whose `alert.process` job is not live is enqueued again, replacing a finished
//     job (an alert answered 202 must reach a decision; alert.process reuses a stored decision);
//   - an entry intent still NEW whose `order.submit` job is not live was never sent by a process that
//     stopped: the exchange is asked by client order id, and the intent follows the exchange or is
//     abandoned, so it no longer blocks new entries as a working buy;
//   - an entry SUBMITTED whose submit job is not live gets it again (it looks the order up first);
//   - a working entry (OPEN, PARTIALLY_FILLED) without a timeout job gets one: the process that saw
//     the exchange's acknowledgement stopped before scheduling it.
// Exits are not swept: the exit sentinel drives its own orders every sweep. Only the process's own
// account is swept: another account's deployment, on the same database, sweeps its own.
import { performance } from 'node:perf_hooks';
import type { Clock } from '@hookline/core';
import { isInfrastructureError } from '@hookline/runtime';
import {
  type AlertCursor,
  type OrderCursor,
  type OrderRecord,
  readEntriesInFlight,
  readStaleAcceptedAlerts,
  type Store,
} from '@hookline/store';
import type { Logger } from 'pino';
import type { OrderExecutor } from '../execution/order-executor.js';
import type { JobQueues } from './job-queues.js';

/** What the sweeper re-drives: alerts, sends re-enqueued, unsent intents settled, timeouts scheduled. */
export const sweepKinds = ['alert', 'submit', 'unsent', 'timeout'] as const;
export type SweepKind = (typeof sweepKinds)[number];

/** Counts per kind. */
export type SweepCounts = Readonly<Record<SweepKind, number>>;

/** What one pass did. */
export interface SweepReport {
  /** Items older than the grace that were still in flight, by kind (live jobs included). */
  readonly backlog: SweepCounts;
  /** Items the pass re-drove (enqueued, settled or scheduled), by kind. */
  readonly redriven: SweepCounts;
}

/** The sweeper's progress, for the metrics. */
export interface SweeperProgress {
  /** Items re-driven since the process started, by kind. */
  readonly itemsTotal: SweepCounts;
  /** The last finished pass's backlog, by kind (zeros before the first pass). */
  readonly backlog: SweepCounts;
  /** How long the last finished pass took, in seconds (undefined before the first pass). */
  readonly lastPassSeconds: number | undefined;
}

/** What the sweeper needs. */
export interface RecoverySweeperOptions {
  readonly store: Store;
  readonly queues: Pick<JobQueues, 'enqueue' | 'presenceOf'>;
  readonly executor: Pick<OrderExecutor, 'resolveUnsent'>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The account whose alerts and entries are swept (and the exchange of its entries). */
  readonly account: string;
  readonly exchange: string;
  /** Alerts and intents younger than this are still on their normal path. */
  readonly graceMs: number;
  /** The entries' timeout (the alert processor's); undefined: entries have none. */
  readonly entryTimeoutMs: number | undefined;
  /** Rows read per page (default 100). */
  readonly pageSize?: number;
}

/** The reason stored on an intent whose process stopped before sending it. */
export const UNSENT_INTENT_REASON = 'abandoned: its process stopped before sending it';

const zeros = (): Record<SweepKind, number> => ({ alert: 0, submit: 0, unsent: 0, timeout: 0 });

/** Re-drives unfinished alerts and entries; one pass at a time. */
export class RecoverySweeper {
  readonly #options: RecoverySweeperOptions;
  readonly #itemsTotal = zeros();
  #backlog: SweepCounts = zeros();
  #lastPassSeconds: number | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;

  constructor(options: RecoverySweeperOptions) {
    if (!Number.isFinite(options.graceMs) || options.graceMs < 0) {
      throw new RangeError(`the sweeper's grace must be zero or more milliseconds, got ${options.graceMs}`);
    }
    if (options.pageSize !== undefined && (!Number.isInteger(options.pageSize) || options.pageSize < 1)) {
      throw new RangeError(`the sweeper's page size must be a whole number from 1, got ${options.pageSize}`);
    }
    this.#options = options;
  }

  /** One pass over everything in flight older than the grace. */
  async sweepOnce(): Promise<SweepReport> {
    const started = performance.now();
    const backlog = zeros();
    const redriven = zeros();
    const before = new Date(this.#options.clock.nowMs() - this.#options.graceMs);
    await this.#sweepAlerts(before, backlog, redriven);
    await this.#sweepEntries(before, backlog, redriven);
    for (const kind of sweepKinds) this.#itemsTotal[kind] += redriven[kind];
    this.#backlog = backlog;
    this.#lastPassSeconds = (performance.now() - started) / 1000;
    if (sweepKinds.some((kind) => redriven[kind] > 0)) {
      this.#options.logger.warn({ redriven, backlog }, 'recovery sweep re-drove unfinished work');
    }
    return { backlog, redriven };
  }

  /** Totals, the last backlog and the last pass's duration. */
  progress(): SweeperProgress {
    return {
      itemsTotal: { ...this.#itemsTotal },
      backlog: this.#backlog,
      lastPassSeconds: this.#lastPassSeconds,
    };
  }

  /** Sweeps every intervalMs (never overlapping itself); errors are logged and retried next time. */
  start(intervalMs: number): void {
    this.#timer = setInterval(() => {
      if (this.#running) return;
      this.#running = this.sweepOnce()
        .catch((error: unknown) => this.#options.logger.error({ err: error }, 'recovery sweep failed'))
        .finally(() => {
          this.#running = undefined;
        });
    }, intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a running pass. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }

  async #sweepAlerts(before: Date, backlog: Record<SweepKind, number>, redriven: Record<SweepKind, number>) {
    const { store, queues, account } = this.#options;
    const limit = this.#options.pageSize ?? 100;
    let after: AlertCursor | undefined;
    for (;;) {
      const page = await readStaleAcceptedAlerts(store, { account, receivedBefore: before, after, limit });
      for (const alert of page) {
        backlog.alert += 1;
        const payload = { alertId: alert.id };
        await this.#each({ alertId: alert.id }, async () => {
          if ((await queues.presenceOf('alert.process', payload)) === 'live') return;
          await queues.enqueue('alert.process', payload, { replaceFinished: true });
          redriven.alert += 1;
        });
      }
      after = page.at(-1);
      if (page.length < limit || after === undefined) return;
    }
  }

  async #sweepEntries(before: Date, backlog: Record<SweepKind, number>, redriven: Record<SweepKind, number>) {
    const { store, account, exchange } = this.#options;
    const limit = this.#options.pageSize ?? 100;
    let after: OrderCursor | undefined;
    for (;;) {
      const page = await readEntriesInFlight(store, {
        account,
        exchange,
        orderedBefore: before,
        after,
        limit,
      });
      for (const row of page) {
        const kind = kindOf(row);
        if (kind === undefined) continue;
        backlog[kind] += 1;
        await this.#each({ clientOrderId: row.clientOrderId }, async () => {
          if (await this.#redrive(kind, row)) redriven[kind] += 1;
        });
      }
      after = page.at(-1);
      if (page.length < limit || after === undefined) return;
    }
  }

  // True when the entry needed re-driving (its job was missing or finished).
  async #redrive(kind: Exclude<SweepKind, 'alert'>, row: OrderRecord): Promise<boolean> {
    const { queues, executor, entryTimeoutMs } = this.#options;
    const { clientOrderId } = row;
    if (kind === 'timeout') {
      const presence = await queues.presenceOf('order.timeout', { clientOrderId });
      if (presence === 'live' || entryTimeoutMs === undefined) return false;
      // Missing: the acknowledgement's process stopped before scheduling it; the ack's time is not
      // stored, so the timeout counts from now (the order gets at least its whole time). Finished while
      // the order still works: the timeout has passed, so it fires again at once.
      await queues.enqueue(
        'order.timeout',
        { clientOrderId },
        presence === 'missing' ? { delayMs: entryTimeoutMs } : { replaceFinished: true },
      );
      return true;
    }
    const submit = entryTimeoutMs === undefined ? { clientOrderId } : { clientOrderId, entryTimeoutMs };
    if ((await queues.presenceOf('order.submit', submit)) === 'live') return false;
    if (kind === 'unsent') await executor.resolveUnsent(clientOrderId, UNSENT_INTENT_REASON, entryTimeoutMs);
    else await queues.enqueue('order.submit', submit, { replaceFinished: true });
    return true;
  }

  // One item's failure is logged and the pass goes on, unless the database or Redis is down: then the
  // rest would fail the same way, and the next pass starts over.
  async #each(item: Record<string, string>, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (isInfrastructureError(error)) throw error;
      this.#options.logger.error({ err: error, ...item }, 'recovery sweep could not re-drive an item');
    }
  }
}

function kindOf(row: OrderRecord): Exclude<SweepKind, 'alert'> | undefined {
  switch (row.status) {
    case 'NEW':
      return 'unsent';
    case 'SUBMITTED':
      return 'submit';
    case 'OPEN':
    case 'PARTIALLY_FILLED':
      return 'timeout';
    default:
      return undefined;
  }
}
