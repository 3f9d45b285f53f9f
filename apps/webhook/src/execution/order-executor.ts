// The order executor: intent before send, SUBMIT recorded before the request, an unknown outcome
// resolved by a lookup by client order id (never by a new id), and only a definitive answer rejects.
import { type Clock, dec, isTerminal, type OrderEvent } from '@hookline/core';
import {
  type CreateOrderRequest,
  type ExchangeOrder,
  type ExchangePort,
  isDefinitiveRejection,
  isExchangeError,
} from '@hookline/exchange';
import {
  applyOrderEvent,
  findOrderByClientOrderId,
  type OrderIntent,
  type OrderRecord,
  type Store,
  writeOrderIntent,
} from '@hookline/store';
import type { Logger } from 'pino';
import type { JobQueues } from '../jobs/job-queues.js';
import { PermanentJobError } from '../jobs/permanent-error.js';
import { applyExchangeOrder } from './exchange-order.js';

/** What the executor needs: the store, the exchange, the queues and time. */
export interface OrderExecutorDependencies {
  readonly store: Store;
  readonly exchange: ExchangePort;
  readonly queues: Pick<JobQueues, 'enqueue'>;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Thrown to retry an order job later (an unknown outcome the lookup could not settle yet). */
export class OrderStillInFlight extends Error {
  override readonly name = 'OrderStillInFlight';
}

/** Places and cancels our orders; the job handlers and the sentinel call it. */
export class OrderExecutor {
  readonly #deps: OrderExecutorDependencies;
  /** This process's sends still waiting for the exchange's answer, by client order id (settled, never rejected). */
  readonly #sending = new Map<string, Promise<void>>();

  constructor(dependencies: OrderExecutorDependencies) {
    this.#deps = dependencies;
  }

  /**
   * Records the intent (NEW row) and schedules its submission. An entry's timeout travels with the
   * submission and starts when the exchange knows the order, not now: a send delayed by a crash or an
   * outage still gets its whole time at the exchange. Idempotent: calling it again adds nothing.
   */
  async executeIntent(intent: OrderIntent): Promise<string> {
    const clientOrderId = await writeOrderIntent(this.#deps.store, intent, this.#deps.clock.now());
    await this.#deps.queues.enqueue(
      'order.submit',
      intent.timeoutMs === undefined
        ? { clientOrderId }
        : { clientOrderId, entryTimeoutMs: intent.timeoutMs },
    );
    return clientOrderId;
  }

  /**
   * Records the intent (NEW row) and schedules nothing: for a caller that submits and supervises the
   * order itself (the exit executor, driven by the sentinel's sweep). Idempotent like executeIntent.
   */
  async writeIntent(intent: OrderIntent): Promise<string> {
    return await writeOrderIntent(this.#deps.store, intent, this.#deps.clock.now());
  }

  /**
   * The `order.submit` job: send the intent, or settle a send whose outcome is unknown. With
   * `entryTimeoutMs`, once the exchange knows the order (the create returned, or a lookup found it)
   * its `order.timeout` is scheduled that long ahead (the job id is the order's: scheduling twice adds
   * nothing, so a run repeated after a crash schedules it if the crashed run could not).
   */
  async submit(clientOrderId: string, entryTimeoutMs?: number): Promise<void> {
    const row = await findOrderByClientOrderId(this.#deps.store, clientOrderId);
    if (row === null) throw new PermanentJobError(`no order intent with client order id ${clientOrderId}`);
    if (row.status === 'NEW') {
      // Recorded before the request leaves: a NEW row can never exist at the exchange.
      await this.#event(row, 'SUBMIT');
      return await this.#send(row, entryTimeoutMs);
    }
    // Acknowledged already (a run that stopped before scheduling its timeout): only the timeout is left.
    if (row.status === 'OPEN' || row.status === 'PARTIALLY_FILLED') {
      return await this.#scheduleTimeout(row, entryTimeoutMs);
    }
    if (row.status !== 'SUBMITTED') return; // filled or closed already: nothing to send
    // A previous run may have sent it (crash, timeout): look it up before sending again.
    const known = await this.#resolveByLookup(row);
    if (known !== undefined) return await this.#scheduleTimeout(known, entryTimeoutMs);
    await this.#event(row, 'SUBMIT'); // the re-send, with the same client order id
    await this.#send(row, entryTimeoutMs);
  }

  /**
   * Settles an intent still NEW whose submission was lost (its process stopped between writing it and
   * handing it on; the recovery sweeper calls this once no submit job is left for it). A NEW row was
   * never sent, but the exchange is asked by client order id to be sure: when it knows the order the
   * row follows the exchange (and an entry's timeout is scheduled), otherwise the intent is abandoned
   * (CANCELED) with `reason`, so it no longer counts as a working buy.
   */
  async resolveUnsent(clientOrderId: string, reason: string, entryTimeoutMs?: number): Promise<void> {
    const row = await findOrderByClientOrderId(this.#deps.store, clientOrderId);
    if (row === null || row.status !== 'NEW') return;
    const order = await this.#fetch(row);
    if (order === undefined) {
      await this.#event(row, 'ABANDON', reason);
      this.#deps.logger.warn({ clientOrderId, reason }, 'unsent order intent abandoned');
      return;
    }
    await this.#event(row, 'SUBMIT');
    const known = await applyExchangeOrder(this.#deps.store, order, this.#deps.logger);
    await this.#scheduleTimeout(known ?? row, entryTimeoutMs);
  }

  /** The `order.timeout` job: cancel what has not filled; the filled part stays the position. */
  async timeout(clientOrderId: string): Promise<void> {
    await this.cancel(clientOrderId, 'entry timeout');
  }

  /**
   * Cancels one of our orders, whatever its status: an intent never sent is abandoned, a send the
   * exchange never received is rejected, a working order gets a cancel request and the exchange's
   * answer. `reason` is stored as the status reason. Throws OrderStillInFlight when the cancel's
   * outcome is unknown (call again: a repeated cancel is safe).
   */
  async cancel(clientOrderId: string, reason: string): Promise<void> {
    // A send of this process still on its way: a lookup now could miss an order about to land, so
    // the cancel waits for the exchange's answer and then cancels what it placed.
    await this.#sending.get(clientOrderId);
    const row = await findOrderByClientOrderId(this.#deps.store, clientOrderId);
    if (row === null || isTerminal(row.status)) return;
    if (row.status === 'NEW') {
      await this.#event(row, 'ABANDON', `${reason}: canceled before it was sent`);
      return;
    }
    if (row.status === 'SUBMITTED' && (await this.#resolveByLookup(row)) === undefined) {
      // The lookup proved it was never placed; a pending submit will find it REJECTED and stop.
      await this.#event(row, 'REJECT', `${reason}: the exchange never received it`);
      return;
    }
    const current = await findOrderByClientOrderId(this.#deps.store, clientOrderId);
    if (current === null || isTerminal(current.status)) return;
    await this.#event(current, 'REQUEST_CANCEL', reason);
    try {
      const order = await this.#deps.exchange.cancelOrder({ clientOrderId, symbol: row.symbol });
      await applyExchangeOrder(this.#deps.store, order, this.#deps.logger);
    } catch (error) {
      if (isExchangeError(error, 'NOT_FOUND')) {
        await this.#event(row, 'REJECT', 'the exchange does not know the order');
        return;
      }
      if (isExchangeError(error, 'UNKNOWN_OUTCOME')) await this.#event(row, 'OUTCOME_UNKNOWN');
      throw new OrderStillInFlight(`cancel of ${clientOrderId} not confirmed: ${String(error)}`, {
        cause: error,
      });
    }
  }

  /** Sends `row`, known to cancel() while the exchange's answer is awaited. */
  async #send(row: OrderRecord, entryTimeoutMs: number | undefined): Promise<void> {
    const sending = this.#sendOnce(row, entryTimeoutMs);
    const settled = sending.then(
      () => undefined,
      () => undefined,
    );
    this.#sending.set(row.clientOrderId, settled);
    try {
      return await sending;
    } finally {
      if (this.#sending.get(row.clientOrderId) === settled) this.#sending.delete(row.clientOrderId);
    }
  }

  async #sendOnce(row: OrderRecord, entryTimeoutMs: number | undefined): Promise<void> {
    const { exchange, logger } = this.#deps;
    let order: ExchangeOrder;
    try {
      order = await exchange.createOrder(createOrderRequestOf(row));
    } catch (error) {
      if (isExchangeError(error) && isDefinitiveRejection(error.kind)) {
        await this.#event(row, 'REJECT', `${error.kind}: ${error.message}`);
        logger.warn({ clientOrderId: row.clientOrderId, kind: error.kind }, 'order rejected by the exchange');
        return;
      }
      // Unknown outcome is not rejection: stay SUBMITTED, look it up, retry with the same id.
      await this.#event(row, 'OUTCOME_UNKNOWN');
      logger.warn({ err: error, clientOrderId: row.clientOrderId }, 'order outcome unknown; looking it up');
      const known = await this.#resolveByLookup(row);
      if (known !== undefined) return await this.#scheduleTimeout(known, entryTimeoutMs);
      throw new OrderStillInFlight(
        `order ${row.clientOrderId} not found after an unknown outcome; re-sending later`,
      );
    }
    // The exchange has the order from here on: a crash before its timeout is scheduled is covered by
    // the job's next run (stalled jobs run again) or the recovery sweeper.
    this.#checkEcho(row, order);
    const known = await applyExchangeOrder(this.#deps.store, order, logger);
    if (known !== null && isTerminal(known.status) && !isTerminal(order.status)) {
      // Given up while on its way (another process's cancel found no order yet): it must not rest
      // at the exchange holding funds nobody tracks.
      logger.warn(
        { clientOrderId: row.clientOrderId, status: known.status },
        'order landed after it was given up: canceling it at the exchange',
      );
      await exchange.cancelOrder({ clientOrderId: row.clientOrderId, symbol: row.symbol });
      return;
    }
    await this.#scheduleTimeout(known ?? row, entryTimeoutMs);
  }

  /** Schedules an entry's timeout, counted from now (the exchange knows the order), unless it is over. */
  async #scheduleTimeout(row: OrderRecord, entryTimeoutMs: number | undefined): Promise<void> {
    if (entryTimeoutMs === undefined || isTerminal(row.status)) return;
    await this.#deps.queues.enqueue(
      'order.timeout',
      { clientOrderId: row.clientOrderId },
      { delayMs: entryTimeoutMs },
    );
  }

  /** The row as the exchange knows the order (updated), or undefined when it proves it has none. */
  async #resolveByLookup(row: OrderRecord): Promise<OrderRecord | undefined> {
    const order = await this.#fetch(row);
    if (order === undefined) return undefined;
    return (await applyExchangeOrder(this.#deps.store, order, this.#deps.logger)) ?? row;
  }

  /** The exchange's order of the row, or undefined when the exchange says it has none. */
  async #fetch(row: OrderRecord): Promise<ExchangeOrder | undefined> {
    try {
      return await this.#deps.exchange.fetchOrder({ clientOrderId: row.clientOrderId, symbol: row.symbol });
    } catch (error) {
      if (isExchangeError(error, 'NOT_FOUND')) return undefined;
      // The cause is kept, so a network outage is still recognised as one (and retried without limit).
      throw new OrderStillInFlight(`lookup of ${row.clientOrderId} failed: ${String(error)}`, {
        cause: error,
      });
    }
  }

  // A venue that dedupes returns the existing order for a repeated id: it may not be the one we meant.
  #checkEcho(row: OrderRecord, order: ExchangeOrder): void {
    if (order.symbol !== row.symbol || order.amount.toString() !== dec(row.size.toString()).toString()) {
      this.#deps.logger.error(
        { clientOrderId: row.clientOrderId, symbol: order.symbol, amount: order.amount.toString() },
        'the exchange returned a different order for our client order id',
      );
    }
  }

  async #event(row: OrderRecord, event: OrderEvent, reason?: string): Promise<void> {
    const outcome = await applyOrderEvent(
      this.#deps.store,
      row.clientOrderId,
      event,
      reason === undefined ? {} : { statusReason: reason },
    );
    if (!outcome.applied) {
      this.#deps.logger.warn(
        { clientOrderId: row.clientOrderId, event, status: outcome.row.status },
        outcome.reason,
      );
    }
  }
}

/**
 * The exchange request a stored intent stands for (order type and time in force as recorded). A
 * HARD_STOP or EMERGENCY exit's order is urgent: first in the adapter's request budget, and allowed
 * to probe an OPEN orders breaker.
 */
export function createOrderRequestOf(row: OrderRecord): CreateOrderRequest {
  const urgent = row.exitReason === 'HARD_STOP' || row.exitReason === 'EMERGENCY';
  const common = {
    clientOrderId: row.clientOrderId,
    symbol: row.symbol,
    side: row.side,
    amount: dec(row.size.toString()),
    ...(urgent ? { urgent } : {}),
  } as const;
  if (row.orderType === 'MARKET') return { type: 'MARKET', ...common };
  if (row.orderType === 'STOP_LIMIT') {
    return {
      type: 'STOP_LIMIT',
      ...common,
      side: 'sell',
      price: dec(row.price?.toString() ?? '0'),
      stopPrice: dec(row.stopPrice?.toString() ?? '0'),
    };
  }
  const timeInForce = row.timeInForce === 'IOC' ? 'IOC' : 'GTC';
  return {
    type: 'LIMIT',
    ...common,
    price: dec(row.price?.toString() ?? '0'),
    timeInForce,
    postOnly: timeInForce === 'GTC' && row.postOnly,
  };
}
