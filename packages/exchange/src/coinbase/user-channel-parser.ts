import { isTerminal, ZERO } from '@hookline/core';
import type { Market } from '../port/market.js';
import type { ExchangeOrder } from '../port/order.js';
import type { FillEvent, OrderUpdateEvent, UserStreamEvent } from '../port/stream-events.js';
import { coinbaseOrderStatus } from './coinbase-order-status.js';
import { OrderFillTracker } from './order-fill-tracker.js';
import {
  type CoinbaseEnvelope,
  CoinbaseMessageError,
  type CoinbaseUserOrder,
  CoinbaseVenueError,
  heartbeatCounter,
  parseEnvelope,
  parseUserOrder,
} from './user-channel-messages.js';

/** What one message meant for the stream. */
export interface UserChannelOutput {
  /** Order updates and fills to deliver, in order (a `gap` status first when one was found). */
  readonly events: UserStreamEvent[];
  /** Why messages were lost, when this message revealed it (the cue to backfill over REST). */
  readonly gap: string | undefined;
  /** An error message the venue sent (authentication, bad subscribe). */
  readonly error: string | undefined;
  /** Channels the venue confirmed, on a `subscriptions` message. */
  readonly subscriptions: readonly string[] | undefined;
  readonly heartbeatCounter: number | undefined;
}

type Output = { -readonly [Key in keyof UserChannelOutput]: UserChannelOutput[Key] };

/**
 * The snapshot comes in batches of 50 open orders; a shorter batch ends it
 * (docs/exchange-notes.md, Coinbase 4).
 */
export const snapshotBatchSize = 50;

/**
 * Reads the Coinbase `user` and `heartbeats` channels of one connection after another: checks
 * `sequence_num` (per connection, any channel), takes the open-orders snapshot as known state,
 * and turns cumulative updates into order events and exact per-fill deltas. Replayed or unchanged
 * states produce nothing. Pure apart from its memory of orders: no I/O, no clock.
 */
export class CoinbaseUserChannelParser {
  readonly tracker: OrderFillTracker;
  readonly #resolveProduct: (productId: string) => Market | undefined;
  readonly #lastReported = new Map<string, { key: string; amount: ExchangeOrder['amount'] }>();
  #expectedSequence: number | undefined;
  #snapshotComplete = false;

  constructor(resolveProduct: (productId: string) => Market | undefined, tracker = new OrderFillTracker()) {
    this.#resolveProduct = resolveProduct;
    this.tracker = tracker;
  }

  /** True once this connection's snapshot has ended (or an update arrived). */
  get snapshotComplete(): boolean {
    return this.#snapshotComplete;
  }

  /** A new connection: sequence numbers start again and a snapshot will come. */
  startConnection(): void {
    this.#expectedSequence = undefined;
    this.#snapshotComplete = false;
  }

  /** Interprets one raw message received at `receivedAt`. */
  parse(text: string, receivedAt: Date): UserChannelOutput {
    const output: Output = {
      events: [],
      gap: undefined,
      error: undefined,
      subscriptions: undefined,
      heartbeatCounter: undefined,
    };
    let envelope: CoinbaseEnvelope;
    try {
      envelope = parseEnvelope(JSON.parse(text));
    } catch (error) {
      if (error instanceof CoinbaseVenueError) return { ...output, error: error.message };
      // Unreadable: as good as lost, so treated like a gap (backfill).
      const reason = error instanceof Error ? error.message : String(error);
      return this.#withGap(output, `unreadable message (${reason})`, receivedAt);
    }
    const gap = this.#checkSequence(envelope.sequenceNum);
    if (gap !== undefined) this.#withGap(output, gap, receivedAt);
    if (envelope.channel === 'subscriptions') output.subscriptions = subscribedChannels(envelope);
    if (envelope.channel === 'heartbeats')
      output.heartbeatCounter = heartbeatCounter(envelope.events[0] ?? {});
    if (envelope.channel !== 'user') return output;
    for (const event of envelope.events) {
      const snapshot = event.type === 'snapshot';
      const orders = Array.isArray(event.orders) ? event.orders : [];
      if (!snapshot || orders.length < snapshotBatchSize) this.#snapshotComplete = true;
      for (const raw of orders) {
        try {
          this.#order(parseUserOrder(raw), snapshot, envelope.timestamp, receivedAt, output.events);
        } catch (error) {
          if (!(error instanceof CoinbaseMessageError)) throw error;
          this.#withGap(output, `unreadable order (${error.message})`, receivedAt);
        }
      }
    }
    return output;
  }

  #checkSequence(sequence: number): string | undefined {
    const expected = this.#expectedSequence;
    if (expected !== undefined && sequence < expected) return undefined;
    this.#expectedSequence = sequence + 1;
    if (expected === undefined || sequence === expected) return undefined;
    return `sequence_num jumped from ${expected - 1} to ${sequence}: ${sequence - expected} message(s) lost`;
  }

  #withGap(output: Output, reason: string, receivedAt: Date): Output {
    output.gap ??= reason;
    output.events.push({ type: 'gap', reason, receivedAt });
    return output;
  }

  #order(
    order: CoinbaseUserOrder,
    snapshot: boolean,
    exchangeTime: Date,
    receivedAt: Date,
    events: UserStreamEvent[],
  ) {
    const market = this.#market(order.productId);
    const { cumulativeQuantity: cumulative, avgPrice, totalFees } = order;
    let fill: FillEvent | undefined;
    if (snapshot) {
      this.tracker.baseline(order.orderId, cumulative, avgPrice, totalFees);
    } else {
      const delta = this.tracker.observe(order.orderId, cumulative, avgPrice, totalFees);
      if (delta !== undefined) {
        fill = {
          type: 'fill',
          fill: {
            tradeId: undefined,
            orderId: order.orderId,
            clientOrderId: order.clientOrderId || undefined,
            symbol: market.symbol,
            side: order.side,
            price: delta.price,
            amount: delta.amount,
            fee: delta.fee,
            feeCurrency: market.quote,
            liquidity: liquidityOf(order),
            executedAt: exchangeTime,
            cumulativeFilledAmount: delta.cumulativeAmount,
          },
          exchangeTime,
          receivedAt,
        };
      }
    }
    const update = this.#orderUpdate(order, market, exchangeTime, receivedAt);
    if (fill !== undefined) events.push(fill);
    if (update !== undefined) events.push(update);
  }

  #orderUpdate(
    order: CoinbaseUserOrder,
    market: Market,
    exchangeTime: Date,
    receivedAt: Date,
  ): OrderUpdateEvent | undefined {
    const status = coinbaseOrderStatus(order.status, order.cumulativeQuantity) ?? 'SUBMITTED';
    const key = `${order.status}|${order.cumulativeQuantity}|${order.leavesQuantity}|${order.totalFees}`;
    const last = this.#lastReported.get(order.orderId);
    if (last?.key === key) return undefined;
    // Coinbase zeroes leaves_quantity when an order ends: keep the size seen while it was working.
    const working = order.cumulativeQuantity.plus(order.leavesQuantity);
    const amount = last?.amount.greaterThan(working) === true ? last.amount : working;
    this.#lastReported.set(order.orderId, { key, amount });
    if (this.#lastReported.size > 10_000)
      this.#lastReported.delete(this.#lastReported.keys().next().value ?? '');
    const averageFillPrice = order.cumulativeQuantity.isZero() ? undefined : order.avgPrice;
    const immediate = order.orderType === 'MARKET' || /IMMEDIATE|FILL_OR_KILL/.test(order.timeInForce);
    return {
      type: 'order',
      order: {
        id: order.orderId,
        clientOrderId: order.clientOrderId,
        symbol: market.symbol,
        side: order.side,
        type: order.orderType,
        timeInForce: immediate ? 'IOC' : 'GTC',
        postOnly: order.postOnly,
        price: order.orderType === 'MARKET' ? undefined : order.limitPrice,
        amount,
        filledAmount: order.cumulativeQuantity,
        remainingAmount: isTerminal(status) ? ZERO : order.leavesQuantity,
        averageFillPrice,
        fee: order.totalFees,
        feeCurrency: market.quote,
        status,
        createdAt: order.creationTime ?? exchangeTime,
        updatedAt: exchangeTime,
      },
      exchangeTime,
      receivedAt,
    };
  }

  #market(productId: string): Market {
    const known = this.#resolveProduct(productId);
    if (known !== undefined) return known;
    const [base = productId, quote = ''] = productId.split('-');
    return {
      symbol: `${base}/${quote}`,
      base,
      quote,
      exchangeSymbol: productId,
      priceTick: ZERO,
      amountStep: ZERO,
      minAmount: ZERO,
      minNotional: ZERO,
      active: true,
    };
  }
}

function subscribedChannels(envelope: CoinbaseEnvelope): string[] {
  const subscriptions = envelope.events[0]?.subscriptions;
  return typeof subscriptions === 'object' && subscriptions !== null ? Object.keys(subscriptions) : [];
}

// The channel does not say who made the liquidity: post-only orders always do, IOC and market
// orders always take, a resting GTC limit usually makes. REST fills carry liquidity_indicator and
// are the ledger's source of truth.
function liquidityOf(order: CoinbaseUserOrder): 'MAKER' | 'TAKER' {
  if (order.postOnly) return 'MAKER';
  return order.orderType === 'MARKET' || /IMMEDIATE|FILL_OR_KILL/.test(order.timeInForce) ? 'TAKER' : 'MAKER';
}
