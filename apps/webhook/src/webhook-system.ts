// The one place the webhook system is wired. Everything that runs it — the service, the replay, the
// backtest to come and every test harness — builds it here from its resources, with explicit
// overrides for what a run changes, so a position meets the same components in every run.
//
// With Redis the system is the service's: BullMQ workers, the fill consumer, the reconciler (which
// holds entries until its first success), operator controls, the HTTP app and the sentinel under a
// lease. Without Redis (a replay on a virtual clock) the catalog's jobs run inline on the clock and
// the sentinel sweeps when told; there is no HTTP app, reconciler or fill consumer.
import { type Clock, type IdGenerator, SystemRandomSource, UuidV7IdGenerator } from '@hookline/core';
import type { ExchangePort, QuoteSource } from '@hookline/exchange';
import {
  type HealthInfo,
  httpOptionsFromConfig,
  type MatrixReader,
  ReadinessRegistry,
} from '@hookline/runtime';
import { type Config, JOB_QUEUE_PREFIX, tradingAccountOf } from '@hookline/schemas';
import { AlertIntakeStore, ledgerOptionsFromConfig, type Store } from '@hookline/store';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { accessPolicyFromConfig } from './api/admin-auth.js';
import { flattenPositions } from './api/flatten.js';
import { EmergencyFileSwitch } from './controls/emergency-file.js';
import { readCircuit } from './controls/exchange-circuit.js';
import { TradingControls } from './controls/trading-controls.js';
import { MemoryDailyBaselineStore } from './execution/daily-baseline-store.js';
import { type EntrySettings, entrySettingsFromConfig } from './execution/entry-settings.js';
import type { OrderExecutor } from './execution/order-executor.js';
import { UserExits } from './execution/user-exits.js';
import {
  createSentinel,
  type ExitSettings,
  exitSettingsFromConfig,
  MemorySentinelControls,
  type Sentinel,
  type SentinelControls,
  type SentinelExits,
} from './exits/index.js';
import type { FillRecorder } from './fills/fill-recorder.js';
import { exchangeCircuitCheck, fillStreamCheck } from './fills/fill-stream-readiness.js';
import { ExchangeMarketLookup } from './ingress/exchange-market-lookup.js';
import { ingressOptionsFromConfig, type WebhookIngressOptions } from './ingress/ingress-options.js';
import { InlineJobQueue } from './jobs/inline-job-queue.js';
import { jobNames } from './jobs/job-catalog.js';
import type { JobConcurrency } from './jobs/job-workers.js';
import { buildNotifications, type Notifications } from './notify/notifications.js';
import type { DeliverySettings } from './notify/notify-delivery.js';
import { reconcileMismatchEvent } from './notify/trading-event.js';
import { quoteSourceFromConfig } from './quotes/quote-source.js';
import { createReconciler, type Reconciler, type ReconcilerOptions } from './reconciler/index.js';
import { buildTradingCore } from './trading-core.js';
import { startTradingPipeline, type TradingPipeline } from './trading-pipeline.js';
import { buildWebhookApp } from './webhook-app.js';

/** What every webhook system is built from. */
export interface WebhookResources<R extends Redis | undefined = Redis | undefined> {
  readonly config: Config;
  readonly store: Store;
  readonly exchange: ExchangePort;
  readonly clock: Clock;
  readonly logger: Logger;
  /** undefined: a system without Redis (jobs inline on the clock, no HTTP app, no reconciler). */
  readonly redis: R;
  /** Where the system registers its readiness checks (default: a new registry). */
  readonly readiness?: ReadinessRegistry;
}

/** What a run changes; everything left out comes from the configuration. */
export interface WebhookOverrides {
  /**
   * Redis key prefix of queues, leases, controls, cursors and the matrix rows the API and the sentinel
   * read (default `hookline`).
   */
  readonly prefix?: string;
  /** Entry settings over the configuration's (a `controls` here replaces the operator's controls). */
  readonly entry?: Partial<EntrySettings>;
  /** Exit settings instead of the configuration's. */
  readonly exit?: ExitSettings;
  /** The sentinel's exits (tests: a recording fake) instead of the exit executor. */
  readonly exits?: SentinelExits;
  /** Where the sentinel reads matrix rows instead of Redis (a backtest publishes its own). */
  readonly matrix?: MatrixReader;
  /**
   * Without Redis only: nothing but this system writes the database (a backtest's throwaway one), so
   * the sentinel keeps what it wrote instead of reading it back every sweep (SentinelOptions.soleWriter).
   */
  readonly soleWriter?: boolean;
  /** The sentinel's view of the operator's controls (default: the system's controls). */
  readonly sentinelControls?: SentinelControls;
  /**
   * The name the sentinel writes its heartbeat under (default `sentinel`, what /metrics reads). The
   * heartbeat key carries no prefix, so systems side by side on one Redis (tests) each need their own.
   */
  readonly sentinelHeartbeatService?: string;
  /** Ids of accepted alerts (default UUIDv7 from the system's clock). */
  readonly alertIds?: IdGenerator;
  /** Ingress settings over the configuration's (passphrase, rate limit, ...). */
  readonly ingress?: Partial<WebhookIngressOptions>;
  /** /healthz's report (default: this service, the configured mode). */
  readonly health?: HealthInfo;
  readonly concurrency?: JobConcurrency;
  readonly fillLeaseTtlMs?: number;
  /**
   * false: the fill consumer is never started, so neither the user stream nor the REST backfill records
   * anything and fills reach the ledger only through the reconciler (tests of the reconciler, whose
   * subject is what the stream missed). Default true.
   */
  readonly consumeFills?: boolean;
  /** How often the recovery sweeper runs (default 30 s; its grace is the same). */
  readonly acceptedSweepIntervalMs?: number;
  /** The longest wait between two runs of a job the infrastructure failed (default 30 s). */
  readonly infrastructureBackoffCapMs?: number;
  readonly backfillIntervalMs?: number;
  /** Notification delivery settings over the configuration's (tests: fewer attempts, short back-off). */
  readonly notify?: Partial<DeliverySettings>;
  /** Reconciler settings over the defaults (grace, lease, retries, dust tolerance). */
  readonly reconciler?: Partial<Omit<ReconcilerOptions, 'store' | 'exchange' | 'redis' | 'clock' | 'logger'>>;
}

/** What both kinds of system have. */
interface SystemCore {
  readonly settings: { readonly entry: EntrySettings; readonly exit: ExitSettings };
  readonly executor: OrderExecutor;
  readonly recorder: FillRecorder;
  readonly sentinel: Sentinel;
  readonly readiness: ReadinessRegistry;
  /** The quote cache the sentinel, the exit executor and entries read. */
  readonly quotes: QuoteSource;
}

/** The service's system: built, workers ready; start() starts the reconciler and the sentinel. */
export interface OnlineWebhookSystem extends SystemCore {
  readonly controls: TradingControls;
  readonly reconciler: Reconciler;
  readonly pipeline: TradingPipeline;
  /** The HTTP app (not listening). */
  readonly app: FastifyInstance;
  /** The emergency liquidation file switch (HOOKLINE_EMERGENCY_FILE); undefined when not configured. */
  readonly emergencyFile: EmergencyFileSwitch | undefined;
  /** Trading events to the configured channels (docs/operations.md "Notifications"). */
  readonly notifications: Notifications;
  start(): void;
  /** Closes the app, stops the reconciler, the sentinel and the pipeline, in that order. */
  stop(): Promise<void>;
}

/** A system without Redis: jobs run when runDueJobs() is called, sweeps when sweepOnce() is. */
export interface OfflineWebhookSystem extends SystemCore {
  readonly controls: MemorySentinelControls;
  /** Runs the delayed jobs (order timeouts) whose time the clock has reached. */
  runDueJobs(): Promise<void>;
  /** Runs `alert.process` for an ACCEPTED alert now (what a worker does with sighook's enqueue). */
  processAlert(alertId: string): Promise<void>;
}

/** Builds the webhook system over Redis (the service, and harnesses that run it whole). */
export function buildWebhookSystem(
  resources: WebhookResources<Redis>,
  overrides?: WebhookOverrides,
): Promise<OnlineWebhookSystem>;
/** Builds the webhook system without Redis (replay and backtest on a virtual clock). */
export function buildWebhookSystem(
  resources: WebhookResources<undefined>,
  overrides?: WebhookOverrides,
): Promise<OfflineWebhookSystem>;
export async function buildWebhookSystem(
  resources: WebhookResources,
  overrides: WebhookOverrides = {},
): Promise<OnlineWebhookSystem | OfflineWebhookSystem> {
  return resources.redis === undefined
    ? buildOffline({ ...resources, redis: undefined }, overrides)
    : await buildOnline({ ...resources, redis: resources.redis }, overrides);
}

function settingsOf(config: Config, overrides: WebhookOverrides) {
  return {
    entry: { ...entrySettingsFromConfig(config), ...overrides.entry },
    exit: overrides.exit ?? exitSettingsFromConfig(config),
  };
}

function buildOffline(
  resources: WebhookResources<undefined>,
  overrides: WebhookOverrides,
): OfflineWebhookSystem {
  const { config, store, exchange, clock, logger } = resources;
  const settings = settingsOf(config, overrides);
  const queue = new InlineJobQueue(clock);
  const userExits = new UserExits(settings.exit.hodlAssets);
  const quotes = quoteSourceFromConfig(config, exchange, clock, logger);
  const core = buildTradingCore({
    store,
    exchange,
    quotes,
    clock,
    logger,
    settings: settings.entry,
    ledger: ledgerOptionsFromConfig(config),
    queues: queue,
    baselines: new MemoryDailyBaselineStore(),
    exits: userExits,
  });
  queue.bind(core.handlers);
  const controls = new MemorySentinelControls();
  const sentinel = createSentinel({
    store,
    exchange,
    quotes,
    redis: undefined,
    clock,
    logger,
    settings: settings.exit,
    controls: overrides.sentinelControls ?? controls,
    executor: core.executor,
    ...(overrides.exits === undefined ? {} : { exits: overrides.exits }),
    ...(overrides.matrix === undefined ? {} : { matrix: overrides.matrix }),
    soleWriter: overrides.soleWriter === true,
    ledgerWrites: () => core.recorder.writes,
  });
  userExits.bind(sentinel.exits); // sell and exit alerts start their exits as the sentinel does
  return {
    settings,
    executor: core.executor,
    recorder: core.recorder,
    sentinel,
    controls,
    quotes,
    readiness: resources.readiness ?? new ReadinessRegistry(),
    runDueJobs: () => queue.runDue(),
    processAlert: async (alertId) => void (await queue.enqueue('alert.process', { alertId })),
  };
}

async function buildOnline(
  resources: WebhookResources<Redis>,
  overrides: WebhookOverrides,
): Promise<OnlineWebhookSystem> {
  const { config, store, exchange, clock, logger, redis } = resources;
  const prefix = overrides.prefix ?? JOB_QUEUE_PREFIX;
  const readiness = resources.readiness ?? new ReadinessRegistry();
  const ledger = ledgerOptionsFromConfig(config);
  const notifications = buildNotifications({
    config,
    redis,
    prefix,
    store,
    exchange,
    clock,
    logger,
    account: tradingAccountOf(config),
    ...(overrides.notify === undefined ? {} : { settings: overrides.notify }),
  });
  const events = notifications.events;
  for (const check of notifications.readiness) readiness.register(check);
  // Reconciliation gates entries: until its first success the account reads as REDUCING and /readyz
  // says why; mismatches it finds put their symbol in REDUCING.
  let reconciler: Reconciler | undefined;
  const controls = new TradingControls({
    redis,
    prefix,
    account: tradingAccountOf(config),
    clock,
    logger,
    envBuyGuard: config.HOOKLINE_BUY_GUARD,
    buyGuardFile: config.HOOKLINE_BUY_GUARD_FILE,
    exchangeHealth: () => readCircuit(exchange).health,
    orderCircuitHealth: () => readCircuit(exchange).ordersHealth,
    entriesHeldBecause: () =>
      reconciler?.hasSucceeded()
        ? undefined
        : 'waiting for the first successful reconciliation with the exchange',
  });
  reconciler = createReconciler({
    store,
    exchange,
    redis,
    clock,
    logger,
    account: tradingAccountOf(config),
    exchangeName: exchange.name,
    keyPrefix: prefix,
    ledger,
    onSymbolReducing: (symbol, reason) => {
      events.publish(reconcileMismatchEvent({ symbol, detail: reason, at: clock.now() }));
      return controls.markSymbolReducing(symbol, reason);
    },
    ...overrides.reconciler,
  });
  readiness.register(reconciler.readiness);
  const settings = settingsOf(config, {
    ...overrides,
    entry: {
      controls: (symbol: string) => controls.riskControls(symbol),
      pauseEntry: () => controls.pauseEntry(),
      ...overrides.entry,
    },
  });
  const userExits = new UserExits(settings.exit.hodlAssets);
  // Quotes for the sentinel, the exit executor and entries: the venue's ticker stream, REST as a
  // bounded fallback (quotes/quote-source.ts).
  const quotes = quoteSourceFromConfig(config, exchange, clock, logger, events);
  const pipeline = await startTradingPipeline({
    store,
    exchange,
    quotes,
    redis,
    clock,
    logger,
    settings: settings.entry,
    prefix,
    ledger,
    backfillIntervalMs: overrides.backfillIntervalMs ?? config.HOOKLINE_FILL_BACKFILL_INTERVAL_MS,
    ...(overrides.fillLeaseTtlMs === undefined ? {} : { fillLeaseTtlMs: overrides.fillLeaseTtlMs }),
    ...(overrides.concurrency === undefined ? {} : { concurrency: overrides.concurrency }),
    ...(overrides.consumeFills === undefined ? {} : { consumeFills: overrides.consumeFills }),
    sweepIntervalMs: overrides.acceptedSweepIntervalMs ?? config.HOOKLINE_RECOVERY_SWEEP_INTERVAL_MS,
    exits: userExits,
    events,
    ...(overrides.infrastructureBackoffCapMs === undefined
      ? {}
      : { infrastructureBackoffCapMs: overrides.infrastructureBackoffCapMs }),
  });
  // The exit sentinel: one leader per account (lease), exits through the pipeline's order executor.
  const sentinel = createSentinel({
    store,
    exchange,
    quotes,
    redis,
    clock,
    logger,
    settings: settings.exit,
    controls: overrides.sentinelControls ?? controls,
    executor: pipeline.executor,
    keyPrefix: prefix,
    matrixPrefix: prefix,
    events,
    ...(overrides.sentinelHeartbeatService === undefined
      ? {}
      : { heartbeatService: overrides.sentinelHeartbeatService }),
    ...(overrides.exits === undefined ? {} : { exits: overrides.exits }),
  });
  userExits.bind(sentinel.exits); // sell and exit alerts start their exits as the sentinel does
  for (const check of sentinel.readiness) readiness.register(check);
  // The door refuses tickers the exchange does not list (422) once the market list is known.
  const markets = new ExchangeMarketLookup(exchange, clock, logger);
  await markets.load();
  readiness.register(fillStreamCheck(pipeline.fills, clock));
  readiness.register(exchangeCircuitCheck(exchange));
  const app = buildWebhookApp({
    logger,
    readiness,
    health: overrides.health ?? { services: ['webhook'], mode: config.MODE },
    access: accessPolicyFromConfig(config),
    http: httpOptionsFromConfig(config),
    ingress: {
      ...ingressOptionsFromConfig(config, {
        store: new AlertIntakeStore(store, tradingAccountOf(config)),
        clock,
        ids: overrides.alertIds ?? new UuidV7IdGenerator(clock, new SystemRandomSource()),
        onAccepted: pipeline.onAccepted,
        markets,
      }),
      ...overrides.ingress,
    },
    api: {
      store,
      exchange,
      controls,
      clock,
      account: settings.entry.account,
      limits: settings.entry.limits,
      exits: sentinel.exits,
      matrix: {
        redis,
        prefix,
        symbols: config.HOOKLINE_SIGHOOK_SYMBOLS,
        maxAgeMs: config.HOOKLINE_MATRIX_MAX_AGE_MS,
        clock,
      },
      dashboard: {
        mode: config.MODE,
        quotes,
        stops: { hardStopPct: settings.exit.rules.hardStopPct, softStopPct: settings.exit.rules.softStopPct },
        readiness,
        taxTimezone: config.HOOKLINE_TAX_TIMEZONE,
        liveIntervalMs: settings.exit.loop.intervalMs,
      },
    },
    metrics: {
      account: tradingAccountOf(config),
      store,
      redis,
      clock,
      exchange,
      quotes,
      controls,
      queues: jobNames.map((name) => pipeline.queues.queue(name)),
      sweeper: pipeline.sweeper,
      sentinel: sentinel.loop,
      money: { quotes, account: settings.entry.account },
      ...(notifications.status === undefined ? {} : { notify: notifications.status }),
    },
  });
  const emergencyFile =
    config.HOOKLINE_EMERGENCY_FILE === undefined
      ? undefined
      : new EmergencyFileSwitch({
          path: config.HOOKLINE_EMERGENCY_FILE,
          clock,
          logger,
          halt: (change) => controls.setTradingState('HALTED', change),
          flatten: (change) =>
            flattenPositions(
              { store, exchange, exits: sentinel.exits, account: settings.entry.account },
              undefined,
              change,
              'file',
            ),
        });
  const started = { reconciler, sentinel };
  return {
    settings,
    executor: pipeline.executor,
    recorder: pipeline.recorder,
    sentinel,
    readiness,
    quotes,
    controls,
    reconciler,
    pipeline,
    app,
    emergencyFile,
    notifications,
    start: () => {
      notifications.start();
      started.reconciler.start(config.HOOKLINE_RECONCILE_INTERVAL_MS);
      started.sentinel.start();
      emergencyFile?.start(settings.exit.loop.intervalMs);
    },
    stop: async () => {
      logger.info('webhook stopping: closing HTTP intake');
      await app.close();
      controls.close(); // entries waiting for the start-up reconciliation are retried by the next process
      logger.info('webhook stopping: stopping the reconciler and the exit sentinel');
      await emergencyFile?.stop();
      await started.reconciler.stop();
      await started.sentinel.stop();
      logger.info('webhook stopping: draining job workers and the fill consumer');
      await pipeline.stop();
      await notifications.stop();
      quotes.close();
    },
  };
}
