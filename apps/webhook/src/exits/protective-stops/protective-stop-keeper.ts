// The protective-stop keeper, run once per sentinel sweep: for every open position without a working
// exit, exactly one resting STOP_LIMIT sell at the hard-stop level rests at the exchange, so the
// position is protected even while no webhook replica runs. It places, keeps, re-places (the amount or
// the cost changed) and cancels (no position, an exit, HODL, dust) through the order executor, like
// every order of ours: a decision row (exit reason PROTECTIVE_STOP) and the intent before the send.
import { type Clock, type Decimal, dec, isTerminal, toPlainString, ZERO } from '@hookline/core';
import type { Balances, ExchangePort, Market } from '@hookline/exchange';
import {
  findOrderByClientOrderId,
  readWorkingProtectiveStops,
  type Store,
  type WorkingProtectiveStop,
  writeExitDecision,
} from '@hookline/store';
import type { Logger } from 'pino';
import { type OrderExecutor, OrderStillInFlight } from '../../execution/order-executor.js';
import type { ExitRuleSettings } from '../exit-settings.js';
import {
  decideProtectiveStop,
  type ProtectiveStopDecision,
  type StopOrderView,
  type StopPlan,
  type StopPositionView,
} from './protective-stop-rules.js';
import type { ProtectiveStopSettings } from './protective-stop-settings.js';

/** One open position as the sweep hands it over. */
export interface KeeperPosition extends StopPositionView {
  readonly symbol: string;
  /** The base asset (what the stop sells). */
  readonly base: string;
  readonly market: Market | undefined;
  /** The current bid; undefined when the quote is missing or stale. */
  readonly bid: Decimal | undefined;
}

/** What the keeper decided for one symbol (the sweep report lists them). */
export interface ProtectiveStopOutcome {
  readonly symbol: string;
  readonly kind: ProtectiveStopDecision['kind'];
  readonly why: string;
  /** The stop placed this sweep, if any. */
  readonly placed?: string;
}

/** What the keeper works with. */
export interface ProtectiveStopKeeperDependencies {
  readonly store: Store;
  readonly exchange: ExchangePort;
  readonly executor: Pick<OrderExecutor, 'writeIntent' | 'submit' | 'cancel'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly account: string;
  readonly rules: ExitRuleSettings;
  readonly settings: ProtectiveStopSettings;
  /**
   * A sole writer's token that changes whenever a stop's row may have (SoleWriterCounts.stopsVersion):
   * while it stays, the stops read last are kept instead of read again. Undefined: read every pass.
   */
  readonly stopsVersion?: () => string;
}

/** After the venue rejects a stop, the symbol waits this long before the next one is placed. */
const REJECTED_RETRY_MS = 60_000;

/**
 * Keeps one protective stop per protected position; in memory only the back-off after a rejection
 * (and, for a sole writer, the working stops while nothing could have changed them).
 */
export class ProtectiveStopKeeper {
  readonly #deps: ProtectiveStopKeeperDependencies;
  readonly #retryAfterMs = new Map<string, number>();
  #kept: { readonly version: string; readonly rows: readonly WorkingProtectiveStop[] } | undefined;

  constructor(dependencies: ProtectiveStopKeeperDependencies) {
    this.#deps = dependencies;
  }

  /**
   * One pass over the account: every open position and every symbol with a working stop of ours.
   * A failure on one symbol is logged and the others go on. `readBalances`: the sweep's one read of
   * the venue's balances (default: a read of its own).
   */
  async keep(
    positions: readonly KeeperPosition[],
    readBalances: () => Promise<Balances> = () => this.#deps.exchange.fetchBalances(),
  ): Promise<ProtectiveStopOutcome[]> {
    const { logger } = this.#deps;
    const rows = await this.#workingStops();
    const stopsBySymbol = new Map<string, WorkingProtectiveStop[]>();
    for (const row of rows) stopsBySymbol.set(row.symbol, [...(stopsBySymbol.get(row.symbol) ?? []), row]);
    const positionBySymbol = new Map(positions.map((position) => [position.symbol, position]));
    const symbols = [...new Set([...positionBySymbol.keys(), ...stopsBySymbol.keys()])];
    if (symbols.length === 0) return [];
    const balances = await this.#balances(readBalances);
    const outcomes: ProtectiveStopOutcome[] = [];
    for (const symbol of symbols) {
      const position = positionBySymbol.get(symbol);
      const stops = stopsBySymbol.get(symbol) ?? [];
      try {
        // Deciding is synchronous; only a symbol with something to do waits for the venue and the database.
        const decision = this.#decide(position, stops, balances);
        const outcome = { symbol, kind: decision.kind, why: decision.why };
        outcomes.push(
          decision.kind === 'KEEP' || decision.kind === 'NONE'
            ? outcome
            : await this.#act(symbol, decision, position, outcome),
        );
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        logger.error({ err: error, symbol }, 'protective stop: keeping the stop failed; the others go on');
        outcomes.push({ symbol, kind: 'NONE', why: `failed: ${why}` });
      }
    }
    this.#forgetClosed(positionBySymbol);
    return outcomes;
  }

  // The version is taken before the read: a write that ends during the read changes it, so the next
  // pass reads again.
  async #workingStops(): Promise<readonly WorkingProtectiveStop[]> {
    const version = this.#deps.stopsVersion?.();
    if (version !== undefined && this.#kept?.version === version) return this.#kept.rows;
    const rows = await readWorkingProtectiveStops(this.#deps.store, this.#deps.account);
    this.#kept = version === undefined ? undefined : { version, rows };
    return rows;
  }

  #decide(
    position: KeeperPosition | undefined,
    rows: readonly WorkingProtectiveStop[],
    balances: Balances | undefined,
  ): ProtectiveStopDecision {
    const stops = rows.map(stopView);
    const base = position?.base;
    const available = base === undefined ? undefined : balances?.[base]?.available;
    // What our stops hold comes back when they are canceled for a replacement.
    const held = stops.reduce((total, stop) => total.plus(stop.amount.minus(stop.filled)), ZERO);
    return decideProtectiveStop({
      position,
      stops,
      market: position?.market,
      bid: position?.bid,
      sellable: balances === undefined ? undefined : (available ?? ZERO).plus(held),
      rules: this.#deps.rules,
      limitOffsetBps: this.#deps.settings.limitOffsetBps,
    });
  }

  async #act(
    symbol: string,
    decision: ProtectiveStopDecision,
    position: KeeperPosition | undefined,
    outcome: ProtectiveStopOutcome,
  ): Promise<ProtectiveStopOutcome> {
    switch (decision.kind) {
      case 'KEEP':
      case 'NONE':
        return outcome;
      case 'SETTLE':
        for (const stop of decision.settle) await this.#settle(stop);
        return outcome;
      case 'CANCEL':
        for (const id of decision.cancel) await this.#cancel(id, `protective stop: ${decision.why}`);
        return outcome;
      case 'PLACE':
        return await this.#placeUnlessWaiting(symbol, decision.stop, position, outcome);
      case 'REPLACE': {
        for (const id of decision.cancel) await this.#cancel(id, `protective stop: ${decision.why}`);
        // Only once every old stop is gone without selling anything: its coins are free again and the
        // position it protected is still the one planned for.
        const after = await Promise.all(
          decision.cancel.map((id) => findOrderByClientOrderId(this.#deps.store, id)),
        );
        const cleared = after.every(
          (row) => row === null || (isTerminal(row.status) && dec(row.filledSize.toString()).isZero()),
        );
        if (!cleared) return { ...outcome, why: `${decision.why}; waiting for the cancel` };
        return await this.#placeUnlessWaiting(symbol, decision.stop, position, outcome);
      }
    }
  }

  async #placeUnlessWaiting(
    symbol: string,
    stop: StopPlan,
    position: KeeperPosition | undefined,
    outcome: ProtectiveStopOutcome,
  ): Promise<ProtectiveStopOutcome> {
    const retryAfter = this.#retryAfterMs.get(symbol);
    if (retryAfter !== undefined && this.#deps.clock.nowMs() < retryAfter) {
      return { ...outcome, why: `${outcome.why}; waiting after a rejected stop` };
    }
    const placed = await this.#place(symbol, stop, position, outcome.why);
    return { ...outcome, placed };
  }

  // One decision row per stop (exit reason PROTECTIVE_STOP, no exit plan: it is no exit of the
  // executor), then the intent and the send; a rejected stop holds the symbol back for a while.
  async #place(
    symbol: string,
    stop: StopPlan,
    position: KeeperPosition | undefined,
    why: string,
  ): Promise<string> {
    const { store, executor, exchange, clock, account, logger, rules, settings } = this.#deps;
    const decision = await writeExitDecision(store, {
      account,
      symbol,
      outcome: 'ORDERED',
      reasonCode: 'PROTECTIVE_STOP',
      exitReason: 'PROTECTIVE_STOP',
      ruleInputs: {
        protectiveStop: {
          why,
          amount: toPlainString(stop.amount),
          stopPrice: toPlainString(stop.stopPrice),
          price: toPlainString(stop.price),
          positionAmount: position === undefined ? null : toPlainString(position.amount),
          averageCost: position === undefined ? null : toPlainString(position.averageCost),
          bid: position?.bid === undefined ? null : toPlainString(position.bid),
          hardStopPct: toPlainString(rules.hardStopPct),
          limitOffsetBps: settings.limitOffsetBps,
        },
      },
      createdAt: clock.now(),
    });
    const clientOrderId = await executor.writeIntent({
      decisionId: decision.decisionId,
      account,
      exchange: exchange.name,
      symbol,
      side: 'sell',
      amount: stop.amount,
      orderType: 'STOP_LIMIT',
      price: stop.price,
      stopPrice: stop.stopPrice,
      postOnly: false,
      trigger: 'EXIT',
      exitReason: 'PROTECTIVE_STOP',
      source: 'WEBHOOK',
    });
    await this.#submit(clientOrderId);
    const row = await findOrderByClientOrderId(store, clientOrderId);
    if (row?.status === 'REJECTED') {
      this.#retryAfterMs.set(symbol, clock.nowMs() + REJECTED_RETRY_MS);
      logger.warn(
        { symbol, clientOrderId, reason: row.statusReason },
        'protective stop rejected; the next one waits a minute',
      );
    } else {
      this.#retryAfterMs.delete(symbol);
      logger.info(
        {
          symbol,
          clientOrderId,
          stopPrice: toPlainString(stop.stopPrice),
          amount: toPlainString(stop.amount),
        },
        'protective stop placed',
      );
    }
    return clientOrderId;
  }

  async #settle(stop: StopOrderView): Promise<void> {
    if (stop.status === 'PENDING_CANCEL') {
      await this.#cancel(stop.clientOrderId, 'protective stop: cancel asked again');
      return;
    }
    await this.#submit(stop.clientOrderId);
  }

  // An unknown outcome is no failure of the sweep: the next one submits again (same id, safe).
  async #submit(clientOrderId: string): Promise<void> {
    try {
      await this.#deps.executor.submit(clientOrderId);
    } catch (error) {
      if (!(error instanceof OrderStillInFlight)) throw error;
      this.#deps.logger.warn({ clientOrderId, err: error }, 'protective stop still in flight');
    }
  }

  // A cancel not confirmed leaves the stop working (its coins stay reserved); the next sweep asks again.
  async #cancel(clientOrderId: string, reason: string): Promise<void> {
    try {
      await this.#deps.executor.cancel(clientOrderId, reason);
    } catch (error) {
      if (!(error instanceof OrderStillInFlight)) throw error;
      this.#deps.logger.warn({ clientOrderId, err: error }, 'protective stop cancel not confirmed');
    }
  }

  async #balances(read: () => Promise<Balances>): Promise<Balances | undefined> {
    try {
      return await read();
    } catch (error) {
      this.#deps.logger.warn({ err: error }, 'protective stop: balances not read; no stop is placed now');
      return undefined;
    }
  }

  #forgetClosed(open: ReadonlyMap<string, KeeperPosition>): void {
    for (const symbol of this.#retryAfterMs.keys()) if (!open.has(symbol)) this.#retryAfterMs.delete(symbol);
  }
}

function stopView(row: WorkingProtectiveStop): StopOrderView {
  return {
    clientOrderId: row.clientOrderId,
    status: row.status,
    amount: row.size,
    filled: row.filledSize,
    stopPrice: row.stopPrice ?? undefined,
    price: row.price ?? undefined,
  };
}
