import type { ReasonCode } from '@hookline/core';
// The `alert.process` job: an accepted alert becomes exactly one decision (ORDERED, BLOCKED or
// SKIPPED, with its reason code and the inputs of every rule that ran) and, when ORDERED, an order
// intent handed to the executor. A retry finds the decision already stored and only continues it.
// A sell or exit alert goes to the exit executor (user-exits.ts), whose decision is the alert's.
import { type Clock, dec, toPlainString, ZERO } from '@hookline/core';
import {
  ExchangeError,
  type ExchangePort,
  isExchangeError,
  type Market,
  type QuoteSource,
  type Ticker,
} from '@hookline/exchange';
import { isInfrastructureError } from '@hookline/runtime';
import { alertRecordPayloadSchema, type NormalizedAlert, normalizedAlertSchema } from '@hookline/schemas';
import {
  type AlertRecord,
  type AlertToDecide,
  type DecisionRecord,
  markAlertFailed,
  type OrderIntent,
  readAlertToDecide,
  recordAlertDecision,
  type Store,
  withAccountLock,
} from '@hookline/store';
import type { Logger } from 'pino';
import { exitStartLock, type StartExitResult } from '../exits/index.js';
import { jobCatalog } from '../jobs/job-catalog.js';
import { isPermanentJobFailure, PermanentJobError } from '../jobs/permanent-error.js';
import type { TradingEvents } from '../notify/event-publisher.js';
import { dailyLossEvent } from '../notify/trading-event.js';
import {
  controlsOnlyRiskState,
  type EntryAlert,
  evaluateEntry,
  preflightOrder,
  type RuleInputs,
} from '../rules/index.js';
import type { DailyBaselineStore } from './daily-baseline-store.js';
import { entryAmount, entryLimitPrice, isUsableQuote } from './entry-order.js';
import type { EntrySettings } from './entry-settings.js';
import type { OrderExecutor } from './order-executor.js';
import {
  buildRiskState,
  type HeldPositions,
  type RiskControls,
  type RiskVenueView,
  readHeldPositions,
} from './risk-snapshot.js';
import { type UserExits, userExitReason, userPosition, userSellSize } from './user-exits.js';

/** Reason code of an ORDERED decision (every rule passed). */
export const ORDERED_REASON: ReasonCode = 'ORDERED';
/** Reason of an alert that could not be decided (alerts.reason of a FAILED alert). */
export const PROCESSING_FAILED_REASON: ReasonCode = 'PROCESSING_FAILED';

/**
 * The refusal of an alert of another account: its deployment processes it. The alert row is left as it
 * is (never FAILED here: the other account's sweeper re-drives it), and the job fails at once with this
 * message, kept with the failed job (BullMQ keeps failed jobs 30 days) and logged as an error.
 */
export class ForeignAccountAlertError extends PermanentJobError {
  constructor(alertId: string, alertAccount: string, workerAccount: string) {
    super(
      `alert ${alertId} belongs to account '${alertAccount}', and this worker trades '${workerAccount}': ` +
        "refused, left to its own account (a job on the wrong account's queue)",
    );
  }
}

/** What the processor needs. */
export interface AlertProcessorDependencies {
  readonly store: Store;
  readonly exchange: ExchangePort;
  /**
   * The quote cache: an entry's quote comes from it (with its frozen flag, which the gate's market
   * data rule refuses); when it has none, from REST fetchTicker. Undefined: REST only.
   */
  readonly quotes?: QuoteSource;
  readonly executor: Pick<OrderExecutor, 'executeIntent'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: EntrySettings;
  /** The daily loss limit's baselines (one per account and UTC day, shared by every replica). */
  readonly baselines: DailyBaselineStore;
  /** The exit executor's start, for sell and exit alerts (the sentinel's Exits, bound by the system). */
  readonly exits: UserExits;
  /** Where the daily loss limit's first refusal of a day is told (default: nowhere). */
  readonly events?: TradingEvents;
}

type Verdict = {
  readonly outcome: 'ORDERED' | 'BLOCKED' | 'SKIPPED';
  readonly reasonCode: string;
  readonly ruleInputs: JsonObject;
};

/** The stored order of an ORDERED decision (rule_inputs.order). */
interface StoredOrder {
  readonly side: 'buy' | 'sell';
  readonly price: string;
  readonly amount: string;
  readonly postOnly: boolean;
}

/** Turns accepted alerts into decisions and order intents. */
export class AlertProcessor {
  readonly #deps: AlertProcessorDependencies;

  constructor(dependencies: AlertProcessorDependencies) {
    this.#deps = dependencies;
  }

  /**
   * The job handler; `attempt` counts the job's own failures so far + 1 (infrastructure failures are
   * retried without spending one). The alert becomes FAILED, with the code PROCESSING_FAILED and the
   * error in the log only, when its last attempt fails or a failure is permanent; a failure of the
   * database, Redis or the network never fails it (the job waits and runs again).
   */
  async process(alertId: string, attempt = 1): Promise<void> {
    try {
      await this.#process(alertId);
    } catch (error) {
      if (error instanceof ForeignAccountAlertError) {
        this.#deps.logger.error({ alertId, err: error }, 'alert of another account refused');
        throw error;
      }
      const last =
        !isInfrastructureError(error) &&
        (attempt >= jobCatalog['alert.process'].retry.attempts || isPermanentJobFailure(error));
      if (last) await this.#markFailed(alertId, attempt, error);
      throw error;
    }
  }

  async #process(alertId: string): Promise<void> {
    const { store } = this.#deps;
    const row = await readAlertToDecide(store, alertId);
    if (row === null) throw new PermanentJobError(`no alert ${alertId}`);
    // The last guard: the queues are the account's own, so only a misrouted job gets here.
    const { account } = this.#deps.settings;
    if (row.account !== account) throw new ForeignAccountAlertError(alertId, row.account, account);
    if (row.decision !== null) return await this.#continue(row.decision, row.source);
    const payload = row.parsedPayload as { alert?: unknown } | null;
    const parsed = normalizedAlertSchema.safeParse(payload?.alert);
    if (!parsed.success) throw new PermanentJobError(`alert ${alertId} has no valid parsed payload`);
    const alert = parsed.data;
    // A sender that fixed the decision id (sighook, from its idempotency key) gets it; others get a new one.
    const fixedDecisionId = alertRecordPayloadSchema.safeParse(payload).data?.decisionId;
    if (alert.action !== 'buy') {
      await this.#exit(alert, alert.action, { alertId, decisionId: fixedDecisionId });
      return;
    }
    // An ORDERED entry of an account is decided one at a time, by every worker of every replica: the
    // gate counts the account's working orders, recent orders and exits, and an ORDERED entry's order
    // row, written before the next entry's gate runs, is what keeps the next one inside the limits.
    // What the venue says (quote, markets, balances, the held positions' quotes) is read once, before
    // any lock, where concurrent entries share the reads in flight. The gate runs first without the
    // lock: a refusal over a state read moments ago is as good as any (a decision always reads a
    // snapshot), so it is recorded at once; only an entry the gate would order runs the gate again
    // under the lock, over the account's rows as they are then, and that verdict is the decision.
    const prepared = await this.#prepareEntry(alert, row.receivedAt);
    const first = 'verdict' in prepared ? prepared.verdict : await prepared.gate(prepared.controls);
    if ('verdict' in prepared || first.outcome !== 'ORDERED') {
      return await this.#enter(alert, row, fixedDecisionId, async () => first);
    }
    // The symbol's exit-start lock too (the exit executor's): an exit that starts meanwhile is either
    // recorded before this gate reads the working exits (EXIT_WORKING) or starts after this entry's
    // order row exists (and cancels it). Taken in this order only (an exit start never takes the
    // entry lock), so the two never wait on each other in a cycle.
    // The decision is written on the locks' session: should that session end meanwhile (and the locks
    // pass to another process), the write fails and the job runs again, rather than landing unguarded.
    await withAccountLock(store, { account, purpose: 'entries' }, (entries) =>
      withAccountLock(entries, exitStartLock(account, prepared.symbol), (held) =>
        this.#enter(alert, row, fixedDecisionId, () => prepared.gate(), held),
      ),
    );
  }

  // Takes the entry's verdict, records the decision and, when ORDERED, its order intent (through `held`,
  // the locks' session, when the verdict was taken under them).
  async #enter(
    alert: NormalizedAlert,
    row: AlertToDecide,
    fixedDecisionId: string | undefined,
    decide: () => Promise<Verdict>,
    held: Store = this.#deps.store,
  ): Promise<void> {
    const { clock } = this.#deps;
    const alertId = row.id;
    const verdict = await decide();
    // An ORDERED entry's order row is written with its decision, by one statement (never one without the other).
    const order =
      verdict.outcome === 'ORDERED'
        ? this.#entryIntent(alert.symbol, verdict.ruleInputs, row.source)
        : undefined;
    const decision = await recordAlertDecision(
      held,
      {
        decisionId: fixedDecisionId,
        account: this.#deps.settings.account,
        symbol: alert.symbol,
        side: 'buy',
        intent: 'ENTRY',
        outcome: verdict.outcome,
        reasonCode: verdict.reasonCode,
        ruleInputs: verdict.ruleInputs,
        alertId,
        createdAt: clock.now(),
      },
      clock.now(),
      order,
    );
    this.#deps.logger.info(
      { alertId, decisionId: decision.decisionId, outcome: verdict.outcome, reason: verdict.reasonCode },
      'alert decided',
    );
    if (verdict.reasonCode === 'DAILY_LOSS_LIMIT') {
      const message = (verdict.ruleInputs as { message?: unknown }).message;
      this.#deps.events?.publish(
        dailyLossEvent({
          account: this.#deps.settings.account,
          at: clock.now(),
          detail:
            typeof message === 'string' ? message : 'the daily loss limit refuses entries until UTC midnight',
        }),
      );
    }
    await this.#continue(decision, row.source);
  }

  // An ORDERED entry's intent is handed to the executor: written with the decision (a decision stored
  // before that was so is written here; the write is idempotent, the client order id derives from the
  // decision) and scheduled for submission. An exit's decision needs nothing here: the sentinel's
  // sweep drives a started exit (and places its first order if a crash came between the decision and
  // the order).
  async #continue(decision: DecisionRecord, alertSource: AlertRecord['source']): Promise<void> {
    if (decision.outcome !== 'ORDERED' || decision.intent === 'EXIT') return;
    const intent = this.#entryIntent(decision.symbol, decision.ruleInputs, alertSource);
    await this.#deps.executor.executeIntent({ ...intent, decisionId: decision.decisionId });
  }

  // The order intent of an ORDERED entry, from its decision's stored order. sighook's entries are
  // recorded as trigger SIGNAL, source SIGHOOK: the ledger says where they came from.
  #entryIntent(
    symbol: string,
    ruleInputs: unknown,
    alertSource: AlertRecord['source'],
  ): Omit<OrderIntent, 'decisionId'> {
    const order = (ruleInputs as { order?: StoredOrder }).order;
    if (order === undefined) throw new PermanentJobError('an ORDERED entry decision has no order');
    const fromSighook = alertSource === 'SIGHOOK';
    return {
      account: this.#deps.settings.account,
      exchange: this.#deps.exchange.name,
      symbol,
      side: order.side,
      amount: dec(order.amount),
      price: dec(order.price),
      postOnly: order.postOnly,
      trigger: fromSighook ? 'SIGNAL' : 'ALERT',
      timeoutMs: this.#deps.settings.timeoutMs,
      source: fromSighook ? 'SIGHOOK' : 'WEBHOOK',
    };
  }

  /**
   * A sell or exit alert: decided by the exit executor (exactly one decision, the alert's) unless the
   * alert path refuses it first: a sell without a base or quote size, or a HODL asset.
   */
  async #exit(
    alert: NormalizedAlert,
    action: 'sell' | 'exit',
    link: { alertId: string; decisionId: string | undefined },
  ): Promise<void> {
    const { store, exchange, settings, logger, clock } = this.#deps;
    const reason = userExitReason(action);
    const size = action === 'sell' ? userSellSize(alert) : undefined;
    const refuse = async (outcome: 'BLOCKED' | 'SKIPPED', reasonCode: string, inputs: JsonObject) => {
      const decision = await recordAlertDecision(
        store,
        {
          ...link,
          account: settings.account,
          symbol: alert.symbol,
          side: 'sell',
          intent: 'EXIT',
          outcome,
          reasonCode,
          ruleInputs: json({ alert: alertInputs(alert), exit: { reason }, ...inputs }),
          createdAt: clock.now(),
        },
        clock.now(),
      );
      logger.info(
        { alertId: link.alertId, decisionId: decision.decisionId, outcome, reason: reasonCode },
        'alert decided',
      );
    };
    if (action === 'sell' && size === undefined) {
      const message = 'a sell needs a size in base or quote units (equity_pct sizes buys only)';
      return await refuse('BLOCKED', 'SELL_SIZE_UNUSABLE', { message });
    }
    const markets = await exchange.fetchMarkets();
    const base = markets.find((market) => market.symbol === alert.symbol)?.base ?? alert.symbol.split('/')[0];
    const position = await userPosition(store, settings.account, alert.symbol, markets);
    const positionInputs = {
      amount: toPlainString(position.amount),
      costBasis: toPlainString(position.costBasis),
    };
    if (base !== undefined && this.#deps.exits.hodlAssets.has(base) && position.amount.greaterThan(0)) {
      const message = `${base} is a HODL asset: it is never sold by Hookline`;
      return await refuse('SKIPPED', 'HODL_ASSET', { position: positionInputs, message });
    }
    const result = await this.#deps.exits.start({
      symbol: alert.symbol,
      reason,
      positionAmount: position.amount,
      ruleInputs: json({ alert: alertInputs(alert), position: positionInputs }) as RuleInputs,
      ...(size === undefined ? {} : { size }),
      alert: link,
    });
    logger.info({ alertId: link.alertId, ...exitOutcome(result) }, 'alert decided');
  }

  /**
   * What an entry reads once, outside any lock: the controls, the venue's quote, markets and balances,
   * the held positions with their quotes. Either the entry's verdict already (refused by those), or
   * the gate: the rules and preflight over the account's own rows as they are when it runs.
   */
  async #prepareEntry(
    alert: NormalizedAlert,
    receivedAt: Date,
  ): Promise<
    | { verdict: Verdict }
    | {
        symbol: string;
        /** The controls just read, when they are the gated symbol's (the first run uses them). */
        controls: RiskControls | undefined;
        /** The gate, over `controls` when given, else over the controls read again (under the lock). */
        gate: (controls?: RiskControls) => Promise<Verdict>;
      }
  > {
    const { exchange, settings } = this.#deps;
    const held = await this.#controlsOrRefusal(alert, receivedAt);
    if ('verdict' in held) return held;
    const ticker = await this.#entryQuote(alert.symbol);
    if (isExchangeError(ticker, 'INVALID_SYMBOL'))
      return { verdict: blocked('MARKET_UNAVAILABLE', { alert: alertInputs(alert) }) };
    if (!isTicker(ticker) || !isUsableQuote(ticker)) {
      const detail = isTicker(ticker) ? quoteInputs(ticker) : String(ticker);
      return { verdict: blocked('PRICE_UNAVAILABLE', { alert: alertInputs(alert), quote: detail }) };
    }
    const markets = await exchange.fetchMarkets();
    const market = markets.find((candidate) => candidate.symbol === ticker.symbol);
    if (market === undefined)
      return { verdict: blocked('MARKET_UNAVAILABLE', { alert: alertInputs(alert) }) };
    const balances = await exchange.fetchBalances();
    const venue: RiskVenueView = { exchange, markets, balances, ticker };
    const positions = await readHeldPositions({
      store: this.#deps.store,
      account: settings.account,
      ...venue,
    });
    return {
      symbol: market.symbol,
      // The first run uses the controls just read; under the lock they are read again, so a halt or
      // guard set while the entry waited for it applies.
      controls: market.symbol === alert.symbol ? held.controls : undefined,
      gate: async (controls) =>
        await this.#gateEntry(
          alert,
          receivedAt,
          market,
          venue,
          positions,
          controls ?? settings.controls(market.symbol),
        ),
    };
  }

  // The risk gate and preflight over the account's rows as they are now.
  async #gateEntry(
    alert: NormalizedAlert,
    receivedAt: Date,
    market: Market,
    venue: RiskVenueView,
    held: HeldPositions,
    controls: RiskControls | PromiseLike<RiskControls>,
  ): Promise<Verdict> {
    const { settings } = this.#deps;
    const { ticker, balances } = venue;
    const price = entryLimitPrice(ticker, settings.offsetBps);
    const amount = entryAmount(alert, price, balances, market.quote, settings.defaultSizeQuote);
    const state = await buildRiskState({
      store: this.#deps.store,
      clock: this.#deps.clock,
      account: settings.account,
      ...venue,
      held,
      limits: settings.limits,
      controls,
      baselines: this.#deps.baselines,
    });
    const base = { alert: alertInputs(alert), quote: quoteInputs(ticker), offsetBps: settings.offsetBps };
    const request = {
      symbol: market.symbol,
      amount,
      price,
      alert: entryAlert(alert, receivedAt),
      feePct: settings.preflight.feePct,
    };
    const risk = evaluateEntry(request, state, settings.limits);
    if (!risk.allowed) return blocked(risk.reason, { ...base, risk: risk.inputs, message: risk.message });
    const preflight = preflightOrder({ side: 'buy', amount, price }, market, balances, settings.preflight);
    if (!preflight.ok) {
      return blocked(preflight.reason, { ...base, risk: risk.inputs, preflight: preflight.inputs });
    }
    const order: StoredOrder = {
      side: 'buy',
      price: toPlainString(preflight.price),
      amount: toPlainString(preflight.amount),
      postOnly: settings.postOnly,
    };
    return {
      outcome: 'ORDERED',
      reasonCode: ORDERED_REASON,
      ruleInputs: json({
        ...base,
        risk: risk.inputs,
        preflight: { adjustments: preflight.adjustments },
        order,
      }),
    };
  }

  /**
   * The controls, or the entry's refusal by them. The start-up reconciliation first: until it has
   * succeeded, the entry waits (up to its limit). The operator's switches and the circuit next: when
   * they refuse, the full gate would refuse with the same reason and the same inputs (they are its
   * first rules), so the quote, markets, balances and ledger reads are skipped.
   */
  async #controlsOrRefusal(
    alert: NormalizedAlert,
    receivedAt: Date,
  ): Promise<{ controls: RiskControls } | { verdict: Verdict }> {
    const { settings } = this.#deps;
    const held = await this.#controlsAfterStartupWait(alert, receivedAt);
    if ('verdict' in held) return held;
    const early = evaluateControls(alert.symbol, held.controls, this.#deps.clock.now(), settings.limits);
    if (early.allowed) return held;
    const inputs = { alert: alertInputs(alert), offsetBps: settings.offsetBps };
    return { verdict: blocked(early.reason, { ...inputs, risk: early.inputs, message: early.message }) };
  }

  /**
   * The controls once entries are no longer held for the start-up reconciliation. While they are, the
   * entry waits in short pauses, re-reading the controls, until reconcileWaitMs after the alert's
   * receipt (injected clock); then it is BLOCKED RECONCILIATION_PENDING. A stopping system ends the
   * wait with an error, so the job is retried by the next process rather than refused.
   */
  // The quote cache's quote (a frozen one included: the gate refuses it by name). Without one, the
  // reason as an error: INVALID_SYMBOL for a market the venue does not list (MARKET_UNAVAILABLE),
  // otherwise TEMPORARY (PRICE_UNAVAILABLE). Never a second REST read after the cache's own.
  async #entryQuote(symbol: string): Promise<unknown> {
    const { quotes, exchange } = this.#deps;
    if (quotes === undefined) return exchange.fetchTicker(symbol).catch((error: unknown) => error);
    const read = await quotes.readQuotes([symbol]).catch((error: unknown) => error);
    const quote = read instanceof Map ? read.get(symbol) : undefined;
    if (quote !== undefined && typeof quote !== 'string') return quote;
    const markets = await quotes.readMarkets().catch(() => undefined);
    if (markets !== undefined && !markets.some((market) => market.symbol === symbol)) {
      return new ExchangeError('INVALID_SYMBOL', `${exchange.name} does not list ${symbol}`);
    }
    const reason = typeof quote === 'string' ? quote : String(read);
    return new ExchangeError('TEMPORARY', reason, { context: { symbol } });
  }

  async #controlsAfterStartupWait(
    alert: NormalizedAlert,
    receivedAt: Date,
  ): Promise<{ controls: RiskControls } | { verdict: Verdict }> {
    const { settings, clock, logger } = this.#deps;
    const waitUntilMs = receivedAt.getTime() + settings.reconcileWaitMs;
    let controls = await settings.controls(alert.symbol);
    let logged = false;
    while (controls.entriesHeldBecause !== undefined) {
      if (!(clock.nowMs() < waitUntilMs)) {
        const reason = controls.entriesHeldBecause;
        return {
          verdict: blocked('RECONCILIATION_PENDING', {
            alert: alertInputs(alert),
            startup: {
              heldBecause: reason,
              receivedAt: receivedAt.toISOString(),
              reconcileWaitMs: settings.reconcileWaitMs,
              now: clock.now().toISOString(),
            },
            message: `entries waited ${settings.reconcileWaitMs} ms from the alert's receipt: ${reason}`,
          }),
        };
      }
      if (!logged) {
        logger.info(
          {
            symbol: alert.symbol,
            waitUntil: new Date(waitUntilMs).toISOString(),
            reason: controls.entriesHeldBecause,
          },
          'entry waits for the start-up reconciliation',
        );
        logged = true;
      }
      await settings.pauseEntry();
      controls = await settings.controls(alert.symbol);
    }
    return { controls };
  }

  // The stored reason is a code the API can serve; the error (driver text, SQL, paths) goes to the log.
  async #markFailed(alertId: string, attempt: number, error: unknown): Promise<void> {
    const { store, clock, logger } = this.#deps;
    logger.error(
      { err: error, alertId, attempt, reason: PROCESSING_FAILED_REASON },
      'alert could not be decided',
    );
    await markAlertFailed(store, alertId, PROCESSING_FAILED_REASON, clock.now()).catch((markError: unknown) =>
      logger.error({ err: markError, alertId }, 'could not mark alert FAILED'),
    );
  }
}

/** The entry rules that read nothing but the controls (trading state, buy guard, exchange circuit). */
const CONTROL_RULE_NAMES: ReadonlySet<string> = new Set(['tradingState', 'buyGuard', 'exchangeCircuit']);

// The gate over a state that holds only the controls. When every rule that ran reads only the
// controls, the refusal is exactly the full gate's verdict (first refusal wins: same rules, same
// inputs); a refusal by any other rule is an artefact of the empty state, and the full gate decides.
function evaluateControls(
  symbol: string,
  controls: RiskControls,
  now: Date,
  limits: AlertProcessorDependencies['settings']['limits'],
): ReturnType<typeof evaluateEntry> {
  const state = controlsOnlyRiskState(now, controls);
  const verdict = evaluateEntry({ symbol, amount: ZERO, price: ZERO }, state, limits);
  if (verdict.allowed) return verdict;
  const ranOnlyControls = Object.keys(verdict.inputs).every((name) => CONTROL_RULE_NAMES.has(name));
  return ranOnlyControls ? verdict : { allowed: true, inputs: {} };
}

// What the entry guards read of the alert: its own price and time (TradingView's `time`, sighook's
// computed_at), and its receipt.
function entryAlert(alert: NormalizedAlert, receivedAt: Date): EntryAlert {
  return {
    price: alert.price === null ? undefined : dec(alert.price),
    time: alert.time === null ? undefined : new Date(alert.time),
    receivedAt,
  };
}

function exitOutcome(result: StartExitResult): Record<string, string> {
  return result.kind === 'STARTED'
    ? { decisionId: result.decisionId, outcome: 'ORDERED', amount: toPlainString(result.amount) }
    : { decisionId: result.decisionId, outcome: 'NOT_SOLD', reason: result.code };
}

function blocked(reasonCode: string, inputs: Record<string, unknown>): Verdict {
  return { outcome: 'BLOCKED', reasonCode, ruleInputs: json(inputs) };
}

function isTicker(value: unknown): value is Ticker {
  return typeof value === 'object' && value !== null && 'bid' in value && 'ask' in value;
}

function alertInputs(alert: NormalizedAlert): Record<string, unknown> {
  return {
    action: alert.action,
    symbol: alert.symbol,
    price: alert.price,
    size: alert.size,
    time: alert.time,
  };
}

function quoteInputs(ticker: Ticker): Record<string, string> {
  return {
    bid: toPlainString(ticker.bid),
    ask: toPlainString(ticker.ask),
    exchangeTime: ticker.exchangeTime.toISOString(),
    receivedAt: ticker.receivedAt.toISOString(),
  };
}

/** A decision's rule inputs: plain JSON. */
type JsonObject = Readonly<Record<string, unknown>>;

// Rule inputs are plain JSON already (decimals and instants as strings); this drops undefined.
function json(value: Record<string, unknown>): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}
