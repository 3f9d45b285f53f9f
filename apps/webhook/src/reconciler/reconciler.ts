// The reconciler: at start-up (entries wait for its first success) and every 5 minutes, under a
// per-account lease so that one replica reconciles. A run that fails changes no state of its own
// (the last success stays the last success) and says why in its report and in readiness.
import type { Clock, Decimal } from '@hookline/core';
import type { ExchangePort } from '@hookline/exchange';
import type { LedgerOptions } from '@hookline/ledger';
import type { CheckResult, ReadinessCheck } from '@hookline/runtime';
import type { Store } from '@hookline/store';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RedisFillCursorStore } from '../fills/fill-cursor-store.js';
import { FillRecorder } from '../fills/fill-recorder.js';
import { RedisLease } from '../leases/redis-lease.js';
import { defaultCashCurrencies } from './holdings-check.js';
import {
  emptyDraft,
  type ReconcileOutcome,
  type ReconcileReport,
  type ReportDraft,
} from './reconcile-report.js';
import { describeFailure, type ReconcileRunContext, runReconciliation } from './reconcile-run.js';

/** How often the reconciler runs after start-up by default (HOOKLINE_RECONCILE_INTERVAL_MS: 5 minutes). */
export const defaultReconcileIntervalMs = 300_000;

/** What createReconciler needs; only the callbacks and the I/O handles are required. */
export interface ReconcilerOptions {
  readonly store: Store;
  readonly exchange: ExchangePort;
  readonly redis: Redis;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly account: string;
  /** The exchange name on the rows (default `exchange.name`). */
  readonly exchangeName?: string;
  /** Redis key prefix shared with the fill consumer's cursor (default `hookline`). */
  readonly keyPrefix?: string;
  readonly ledger?: LedgerOptions;
  /** A SUBMITTED intent the exchange does not know is REJECTED only after this long (default 15 min). */
  readonly notFoundGraceMs?: number;
  /** Lease expiry; renewed every third of it while started (default 60 s). */
  readonly leaseTtlMs?: number;
  /** Retry delay until the first success (default 15 s). */
  readonly startupRetryMs?: number;
  readonly cashCurrencies?: readonly string[];
  /** Extra per-asset dust tolerance (the market's minimum amount always applies). */
  readonly dustTolerance?: Readonly<Record<string, Decimal>>;
  /** Told for every zombie and unknown holding of a completed run: put the symbol in REDUCING. */
  onSymbolReducing(symbol: string, reason: string): void | Promise<void>;
  /** Told of every run's report (metrics, logs, the API). */
  onReport?(report: ReconcileReport): void | Promise<void>;
}

/** A running reconciler for one (account, exchange). */
export interface Reconciler {
  /** One pass now (or the pass already running); never throws: failures are in the report. */
  runOnce(): Promise<ReconcileReport>;
  /** Runs now, then every `intervalMs` (until the first success: every startupRetryMs). */
  start(intervalMs?: number): void;
  /** Stops the timers, waits for a running pass, releases the lease. */
  stop(): Promise<void>;
  /** True once a pass completed here, or the lease holder's success was seen; gate entries on it. */
  hasSucceeded(): boolean;
  lastReport(): ReconcileReport | undefined;
  /** Register with ReadinessRegistry: critical (red) until the first success, with the reason. */
  readonly readiness: ReadinessCheck;
}

/** Builds the reconciler; nothing runs until runOnce() or start(). */
export function createReconciler(options: ReconcilerOptions): Reconciler {
  return new LeasedReconciler(options);
}

class LeasedReconciler implements Reconciler {
  readonly #options: ReconcilerOptions;
  readonly #context: ReconcileRunContext;
  readonly #lease: RedisLease;
  readonly #successKey: string;
  readonly #exchangeName: string;
  #succeeded = false;
  #last: ReconcileReport | undefined;
  #running: Promise<ReconcileReport> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #renewTimer: NodeJS.Timeout | undefined;
  #stopped = true;
  readonly readiness: ReadinessCheck;

  constructor(options: ReconcilerOptions) {
    this.#options = options;
    const { redis, account, exchange, clock, store } = options;
    const exchangeName = options.exchangeName ?? exchange.name;
    const prefix = options.keyPrefix ?? 'hookline';
    this.#exchangeName = exchangeName;
    this.#lease = new RedisLease(
      redis,
      `${prefix}:reconciler:lease:${account}:${exchangeName}`,
      options.leaseTtlMs ?? 60_000,
    );
    this.#successKey = `${prefix}:reconciler:last-success:${account}:${exchangeName}`;
    this.#context = {
      store,
      exchange,
      clock,
      account,
      exchangeName,
      notFoundGraceMs: options.notFoundGraceMs ?? 15 * 60_000,
      cursor: new RedisFillCursorStore(redis, account, exchangeName, prefix),
      recorder: new FillRecorder({
        store,
        clock,
        account,
        exchange: exchangeName,
        ledger: options.ledger ?? {},
      }),
      ledger: options.ledger ?? {},
      cashCurrencies: options.cashCurrencies ?? defaultCashCurrencies,
      dustTolerance: options.dustTolerance ?? {},
    };
    const self = this;
    this.readiness = {
      name: 'reconciler',
      get critical() {
        return !self.#succeeded;
      },
      run: async () => self.#readiness(),
    };
  }

  runOnce(): Promise<ReconcileReport> {
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  start(intervalMs = defaultReconcileIntervalMs): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const ttl = this.#options.leaseTtlMs ?? 60_000;
    this.#renewTimer = setInterval(() => void this.#renew(), Math.max(1, Math.floor(ttl / 3)));
    this.#renewTimer.unref();
    this.#schedule(0, intervalMs);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.#renewTimer !== undefined) clearInterval(this.#renewTimer);
    await this.#running;
    await this.#lease.release();
  }

  hasSucceeded(): boolean {
    return this.#succeeded;
  }

  lastReport(): ReconcileReport | undefined {
    return this.#last;
  }

  #schedule(delayMs: number, intervalMs: number): void {
    this.#timer = setTimeout(async () => {
      await this.runOnce();
      if (this.#stopped) return;
      const retryMs = this.#options.startupRetryMs ?? 15_000;
      this.#schedule(this.#succeeded ? intervalMs : Math.min(retryMs, intervalMs), intervalMs);
    }, delayMs);
    this.#timer.unref();
  }

  async #renew(): Promise<void> {
    try {
      await this.#lease.renew();
    } catch (error) {
      this.#options.logger.warn({ err: error }, 'reconciler lease renewal failed');
    }
  }

  async #run(): Promise<ReconcileReport> {
    const startedAt = this.#options.clock.now();
    const draft = emptyDraft();
    const outcome = await this.#pass(draft);
    const report: ReconcileReport = {
      account: this.#options.account,
      exchange: this.#exchangeName,
      outcome,
      startedAt,
      finishedAt: this.#options.clock.now(),
      ...draft,
    };
    this.#last = report;
    this.#log(report);
    try {
      await this.#options.onReport?.(report);
    } catch (error) {
      this.#options.logger.error({ err: error }, 'reconcile report listener failed');
    }
    return report;
  }

  async #pass(draft: ReportDraft): Promise<ReconcileOutcome> {
    try {
      if (!(await this.#lease.acquire())) return await this.#skipped();
    } catch (error) {
      draft.errors.push(describeFailure('lease', error));
      return 'FAILED';
    }
    try {
      await runReconciliation(this.#context, draft);
    } catch (error) {
      draft.errors.push(describeFailure('ordersInFlight', error));
      return 'FAILED';
    }
    if (!(await this.#reduceFindings(draft))) return 'FAILED';
    this.#succeeded = true;
    await this.#markSuccess();
    return 'COMPLETED';
  }

  // Replicas without the lease read this marker (expires after an hour) to know the holder succeeded.
  async #markSuccess(): Promise<void> {
    try {
      await this.#options.redis.set(
        this.#successKey,
        this.#options.clock.now().toISOString(),
        'PX',
        3_600_000,
      );
    } catch (error) {
      this.#options.logger.warn({ err: error }, 'reconciler success marker not written');
    }
  }

  // Another replica holds the lease and reconciles; its success (a Redis marker) counts for this one.
  async #skipped(): Promise<ReconcileOutcome> {
    if ((await this.#options.redis.get(this.#successKey)) !== null) this.#succeeded = true;
    return 'SKIPPED';
  }

  async #reduceFindings(draft: ReportDraft): Promise<boolean> {
    const findings = [
      ...draft.zombies.map((zombie) => ({ ...zombie, code: 'ZOMBIE_POSITION' })),
      ...draft.unknownHoldings.map((holding) => ({ ...holding, code: 'UNKNOWN_HOLDING' })),
    ];
    for (const finding of findings) {
      const reason = `${finding.code}: ledger ${finding.ledgerQuantity} ${finding.asset}, exchange ${finding.exchangeQuantity} ${finding.asset}`;
      try {
        await this.#options.onSymbolReducing(finding.symbol, reason);
      } catch (error) {
        draft.errors.push(describeFailure('holdings', error));
        return false;
      }
    }
    return true;
  }

  async #readiness(): Promise<CheckResult> {
    const last = this.#last;
    if (this.#succeeded) {
      return { ok: true, detail: last === undefined ? 'reconciled' : summary(last) };
    }
    if (last === undefined) {
      return {
        ok: false,
        detail: 'start-up reconciliation has not completed yet; entries stay off (REDUCING)',
      };
    }
    const why = last.errors.map((error) => `${error.step} ${error.code}: ${error.message}`).join('; ');
    return {
      ok: false,
      detail: `start-up reconciliation ${last.outcome}: ${why || 'lease held by another replica'}; entries stay off (REDUCING)`,
    };
  }

  #log(report: ReconcileReport): void {
    const fields = { reconcile: summary(report) };
    if (report.outcome === 'FAILED') this.#options.logger.error(fields, 'reconciliation failed');
    else if (report.zombies.length + report.unknownHoldings.length > 0)
      this.#options.logger.warn(fields, 'reconciliation found positions that do not match the exchange');
    else this.#options.logger.info(fields, `reconciliation ${report.outcome.toLowerCase()}`);
  }
}

function summary(report: ReconcileReport): Record<string, unknown> {
  return {
    outcome: report.outcome,
    finishedAt: report.finishedAt.toISOString(),
    ordersResolved: report.ordersResolved.length,
    ordersUnresolved: report.ordersUnresolved.length,
    ordersImported: report.ordersImported.length,
    fillsInserted: report.fillsInserted,
    zombies: report.zombies,
    unknownHoldings: report.unknownHoldings,
    errors: report.errors,
  };
}
