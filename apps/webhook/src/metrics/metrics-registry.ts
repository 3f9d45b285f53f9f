// The Prometheus metrics of one app instance, in a registry of its own (never prom-client's global
// default, so two apps in one process, as in tests, do not collide).
//
// Choice: the counts (alerts, decisions, orders) are gauges read from the database at scrape time,
// not counters bumped by the pipeline. The database is the truth every replica shares, so each
// replica reports the same totals, a restart loses nothing, and no pipeline code has to remember to
// count. Fill lag is a histogram fed at scrape time with the fills recorded since the previous scrape
// (by arrival sequence), so each replica observes each fill once after it starts.
import { type Clock, reasonCodeCatalog } from '@hookline/core';
import type { ExchangePort, QuoteSource } from '@hookline/exchange';
import { heartbeatKey } from '@hookline/runtime';
import {
  countAlertsByStatus,
  countDecisionsByOutcome,
  countExitPriceCapEpisodes,
  countExitsHeldAtCap,
  countOrdersByStatus,
  readFillTimingsAfter,
  type Store,
} from '@hookline/store';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { readCircuit } from '../controls/exchange-circuit.js';
import type { TradingControls } from '../controls/trading-controls.js';
import type { SentinelLoop } from '../exits/sentinel/sentinel-loop.js';
import { SWEEP_PHASES } from '../exits/sentinel/sweep-report.js';
import { type RecoverySweeper, sweepKinds } from '../jobs/recovery-sweeper.js';
import type { NotifyStatus } from '../notify/notify-status.js';
import { registerMoneyMetrics, registerNotifyMetrics } from './money-metrics.js';

/** What the metrics read. */
export interface MetricsSources {
  /** The process's account: its alerts, decisions, orders and sentinel heartbeat are reported. */
  readonly account: string;
  readonly store: Store;
  readonly redis: Redis;
  readonly clock: Clock;
  readonly exchange: ExchangePort;
  /** The quote cache (hookline_quote_frozen). */
  readonly quotes?: Pick<QuoteSource, 'frozenSymbols'>;
  readonly controls?: TradingControls;
  /** The BullMQ queues whose job counts are reported (by queue name). */
  readonly queues?: readonly Queue[];
  /** The recovery sweeper whose progress is reported. */
  readonly sweeper?: Pick<RecoverySweeper, 'progress'>;
  /** The sentinel loop whose last sweep's phases are reported. */
  readonly sentinel?: Pick<SentinelLoop, 'lastReport' | 'isLeader' | 'sweepsCompleted'>;
  /** The quote cache the money gauges value positions with, and the account whose equity is shown. */
  readonly money?: { readonly quotes: Pick<QuoteSource, 'readQuotes'>; readonly account: string };
  /** The notification deliveries (hookline_notifications_*). */
  readonly notify?: NotifyStatus;
}

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const;
const CIRCUIT_STATES = ['CLOSED', 'HALF_OPEN', 'OPEN'] as const;
const HEALTHS = ['HEALTHY', 'DEGRADED', 'OFFLINE'] as const;
const TRADING_STATES = ['ACTIVE', 'REDUCING', 'HALTED'] as const;
/** Fills read per scrape at most (the rest are observed at the next scrape). */
const FILL_BATCH = 5_000;

/** Builds the registry with every Hookline metric. */
export function createMetricsRegistry(sources: MetricsSources): Registry {
  const registry = new Registry();
  const { store } = sources;
  new Gauge({
    name: 'hookline_alerts',
    help: "The account's alerts stored, by status (read from the database at scrape time).",
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const group of await countAlertsByStatus(store, sources.account))
        this.set({ status: group.status }, group.count);
    },
  });
  new Gauge({
    name: 'hookline_decisions',
    help: "The account's risk-gate decisions, by outcome and reason code (read from the database at scrape time).",
    labelNames: ['outcome', 'reason'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const group of await countDecisionsByOutcome(store, sources.account))
        this.set({ outcome: group.outcome, reason: group.reasonCode }, group.count);
    },
  });
  new Gauge({
    name: 'hookline_orders',
    help: "The account's orders (trade_records), by status (read from the database at scrape time).",
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const group of await countOrdersByStatus(store, sources.account))
        this.set({ status: group.status }, group.count);
    },
  });
  registerFillLag(registry, store, sources.account);
  new Gauge({
    name: 'hookline_sentinel_loop_age_seconds',
    help: "Age of the account's exit sentinel heartbeat (Redis hookline:heartbeat:sentinel:<account>); NaN when there is none.",
    registers: [registry],
    async collect() {
      // An unlabelled gauge always has a sample; NaN says "no heartbeat" without faking an age.
      const value = await sources.redis.get(heartbeatKey('sentinel', sources.account));
      const time = value === null ? Number.NaN : Date.parse(value);
      this.set(Number.isFinite(time) ? (sources.clock.nowMs() - time) / 1000 : Number.NaN);
    },
  });
  new Gauge({
    name: 'hookline_exchange_circuit_state',
    help: "The exchange's circuit breakers, one per scope (market_data, orders): 1 for each one's current state and health (paper: CLOSED, HEALTHY).",
    labelNames: ['exchange', 'scope', 'state', 'health'],
    registers: [registry],
    collect() {
      this.reset();
      const circuit = readCircuit(sources.exchange);
      const scopes = [
        { scope: 'market_data', state: circuit.circuits?.marketData.state, health: circuit.marketDataHealth },
        { scope: 'orders', state: circuit.circuits?.orders.state, health: circuit.ordersHealth },
      ];
      for (const breaker of scopes) {
        for (const state of CIRCUIT_STATES) {
          for (const health of HEALTHS) {
            const on = state === (breaker.state ?? 'CLOSED') && health === breaker.health ? 1 : 0;
            this.set({ exchange: circuit.exchange, scope: breaker.scope, state, health }, on);
          }
        }
      }
    },
  });
  registerExitPriceCaps(registry, store, sources.account);
  if (sources.quotes !== undefined) registerFrozenQuotes(registry, sources.quotes);
  registerQueueDepth(registry, sources.queues ?? []);
  if (sources.controls !== undefined) registerControls(registry, sources.controls);
  if (sources.sweeper !== undefined) registerSweeper(registry, sources.sweeper);
  if (sources.sentinel !== undefined) registerSweepPhases(registry, sources.sentinel);
  if (sources.money !== undefined)
    registerMoneyMetrics(registry, { store, exchange: sources.exchange, ...sources.money });
  if (sources.notify !== undefined) registerNotifyMetrics(registry, sources.notify);
  return registry;
}

// The operator alert of a frozen feed: 1 per symbol whose price and stream have both stood still.
function registerFrozenQuotes(registry: Registry, quotes: Pick<QuoteSource, 'frozenSymbols'>): void {
  new Gauge({
    name: 'hookline_quote_frozen',
    help: 'Symbols whose quote feed is frozen (price unchanged and stream silent beyond HOOKLINE_QUOTE_FROZEN_AFTER_MS): 1 while frozen.',
    labelNames: ['symbol'],
    registers: [registry],
    collect() {
      this.reset();
      for (const symbol of quotes.frozenSymbols()) this.set({ symbol }, 1);
    },
  });
}

// The last sweep of this replica, step by step: where a slow sweep spends its time. Nothing while
// this replica has not swept (another one leads, or it just started).
function registerSweepPhases(
  registry: Registry,
  sentinel: Pick<SentinelLoop, 'lastReport' | 'isLeader' | 'sweepsCompleted'>,
): void {
  // With replicas, exactly one of them shows 1 and counts sweeps: the lease holder.
  new Gauge({
    name: 'hookline_sentinel_leader',
    help: "1 when this replica held the exit sentinel's lease at its last tick, else 0.",
    registers: [registry],
    collect() {
      this.set(sentinel.isLeader ? 1 : 0);
    },
  });
  new Counter({
    name: 'hookline_sentinel_sweeps_total',
    help: 'Exit-sentinel sweeps this replica completed since it started.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(sentinel.sweepsCompleted);
    },
  });
  new Gauge({
    name: 'hookline_sentinel_sweep_phase_seconds',
    help: "Duration of each step of this replica's last exit-sentinel sweep (advance, markets, load, evaluate, persist, act, record, cap, stops).",
    labelNames: ['phase'],
    registers: [registry],
    collect() {
      this.reset();
      const phases = sentinel.lastReport?.phaseMs;
      if (phases === undefined) return;
      for (const phase of SWEEP_PHASES) this.set({ phase }, phases[phase] / 1000);
    },
  });
}

// The sweeper's progress is this process's (each replica sweeps), read from it at scrape time.
function registerSweeper(registry: Registry, sweeper: Pick<RecoverySweeper, 'progress'>): void {
  new Counter({
    name: 'hookline_sweeper_items_total',
    help: 'Items the recovery sweeper re-drove in this process, by kind (alert, submit, unsent, timeout).',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      this.reset();
      const { itemsTotal } = sweeper.progress();
      for (const kind of sweepKinds) this.inc({ kind }, itemsTotal[kind]);
    },
  });
  new Gauge({
    name: 'hookline_sweeper_backlog',
    help: "Items older than the sweeper's grace still in flight at its last pass, by kind.",
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const { backlog } = sweeper.progress();
      for (const kind of sweepKinds) this.set({ kind }, backlog[kind]);
    },
  });
  new Gauge({
    name: 'hookline_sweeper_last_pass_seconds',
    help: "How long the recovery sweeper's last pass took; NaN before its first pass.",
    registers: [registry],
    collect() {
      this.set(sweeper.progress().lastPassSeconds ?? Number.NaN);
    },
  });
}

function registerFillLag(registry: Registry, store: Store, account: string): void {
  let seenSequence = 0n;
  new Histogram({
    name: 'hookline_fill_lag_seconds',
    help: "Time from the exchange execution (executed_at) to our receipt (received_at) of each of the account's fills.",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
    async collect() {
      const fills = await readFillTimingsAfter(store, account, seenSequence, FILL_BATCH);
      for (const fill of fills) {
        this.observe(Math.max(0, fill.receivedAt.getTime() - fill.executedAt.getTime()) / 1000);
        seenSequence = fill.arrivalSeq;
      }
    },
  });
}

// Exits held at their price cap (the bid below the exit's floor), from the database: every waiting
// episode is one EXIT_PRICE_CAPPED decision, and an exit held now carries the episode's mark. Every
// exit reason has a sample (0 when none), so an alert on either needs no absent() guard.
function registerExitPriceCaps(registry: Registry, store: Store, account: string): void {
  const reasons = Object.keys(reasonCodeCatalog.exit);
  new Counter({
    name: 'hookline_exit_price_capped_total',
    help: "Exits held at their price cap (the bid fell below the exit's floor), by exit reason: one per waiting episode.",
    labelNames: ['reason'],
    registers: [registry],
    async collect() {
      const episodes = await countExitPriceCapEpisodes(store, account);
      this.reset();
      for (const reason of reasons) this.inc({ reason }, 0);
      for (const group of episodes) this.inc({ reason: group.exitReason }, group.count);
    },
  });
  new Gauge({
    name: 'hookline_exits_held_at_cap',
    help: 'Exits waiting now because the bid is below their price floor, by exit reason.',
    labelNames: ['reason'],
    registers: [registry],
    async collect() {
      const held = await countExitsHeldAtCap(store, account);
      this.reset();
      for (const reason of reasons) this.set({ reason }, 0);
      for (const group of held) this.set({ reason: group.exitReason }, group.count);
    },
  });
}

function registerQueueDepth(registry: Registry, queues: readonly Queue[]): void {
  new Gauge({
    name: 'hookline_queue_jobs',
    help: 'BullMQ jobs per queue and state.',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of queues) {
        const counts = await queue.getJobCounts(...JOB_STATES);
        for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    },
  });
}

function registerControls(registry: Registry, controls: TradingControls): void {
  new Gauge({
    name: 'hookline_trading_state',
    help: 'The trading state: 1 for the current one.',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const snapshot = await controls.snapshot();
      for (const state of TRADING_STATES) this.set({ state }, state === snapshot.tradingState ? 1 : 0);
    },
  });
  new Gauge({
    name: 'hookline_buy_guard',
    help: 'The buy guard per source (env, file, api): 1 when on.',
    labelNames: ['source'],
    registers: [registry],
    async collect() {
      const { buyGuard } = await controls.snapshot();
      for (const source of ['env', 'file', 'api'] as const) this.set({ source }, buyGuard[source] ? 1 : 0);
    },
  });
}
