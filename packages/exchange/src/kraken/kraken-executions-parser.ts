import { type Decimal, dec, type OrderStatus, ZERO } from '@hookline/core';
import type { Market } from '../port/market.js';
import type { OrderType, TimeInForce } from '../port/order.js';
import type { FillEvent, OrderUpdateEvent } from '../port/stream-events.js';

/** What one message of Kraken's authenticated v2 socket meant. */
export interface KrakenPrivateOutput {
  readonly events: Array<OrderUpdateEvent | FillEvent>;
  /** Channels whose subscription was acknowledged by this message. */
  readonly subscribed: readonly string[];
  /** A snapshot of this channel is complete (Kraken sends each snapshot in one message). */
  readonly snapshot: string | undefined;
  /** Latest balances by currency, when the message carried them. */
  readonly balances: Readonly<Record<string, Decimal>> | undefined;
  /** A refused subscribe or a venue error: the connection is replaced (with a fresh token). */
  readonly error: string | undefined;
}

const nothing: KrakenPrivateOutput = {
  events: [],
  subscribed: [],
  snapshot: undefined,
  balances: undefined,
  error: undefined,
};

// Kraken's order_status → ours (docs/exchange-notes.md, Kraken 5).
const statuses: Readonly<Record<string, OrderStatus>> = {
  pending_new: 'SUBMITTED',
  new: 'OPEN',
  partially_filled: 'PARTIALLY_FILLED',
  filled: 'FILLED',
  canceled: 'CANCELED',
  expired: 'EXPIRED',
};

/** The order as the executions channel told us so far (updates carry only what changed). */
interface OrderState {
  id: string;
  clientOrderId: string;
  symbol: string | undefined;
  side: 'buy' | 'sell' | undefined;
  type: OrderType;
  timeInForce: TimeInForce;
  postOnly: boolean;
  price: Decimal | undefined;
  amount: Decimal;
  filled: Decimal;
  cost: Decimal;
  fee: Decimal;
  feeCurrency: string;
  status: OrderStatus;
  createdAt: Date | undefined;
}

type Entry = Readonly<Record<string, unknown>>;

function decimalOf(value: unknown): Decimal | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return dec(String(value));
  if (typeof value === 'string' && value.trim() !== '') return dec(value);
  return undefined;
}

function feesOf(entry: Entry): { fee: Decimal; currency: string | undefined } {
  const fees = Array.isArray(entry.fees) ? (entry.fees as Entry[]) : [];
  let fee = ZERO;
  for (const item of fees) fee = fee.plus(decimalOf(item.qty) ?? ZERO);
  const currency = typeof fees[0]?.asset === 'string' ? fees[0].asset : undefined;
  return { fee, currency };
}

/**
 * Reads Kraken's authenticated WebSocket v2 (`wss://ws-auth.kraken.com/v2`): subscribe acknowledgements
 * and refusals, the `executions` channel (order status and fills; a `trade` execution is one fill with
 * its `exec_id`, `last_qty`, `last_price` and `fees`) and the `balances` channel. Order updates carry
 * only the fields that changed, so the parser keeps each order's state and reports it whole. Numbers
 * are JSON numbers on the wire; they reach Decimal through their shortest spelling.
 */
export class KrakenExecutionsParser {
  readonly #resolveSymbol: (symbol: string) => Market | undefined;
  readonly #orders = new Map<string, OrderState>();
  readonly #seenTrades = new Set<string>();

  constructor(resolveSymbol: (symbol: string) => Market | undefined) {
    this.#resolveSymbol = resolveSymbol;
  }

  /**
   * Records a trade id as delivered; returns false when it already was. A fill reaches listeners once,
   * whether it came live, again in a reconnect's `snap_trades` snapshot, or through a REST backfill.
   */
  claimTrade(tradeId: string): boolean {
    if (this.#seenTrades.has(tradeId)) return false;
    this.#seenTrades.add(tradeId);
    return true;
  }

  parse(text: string, receivedAt: Date): KrakenPrivateOutput {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return nothing;
    }
    if (typeof message !== 'object' || message === null) return nothing;
    const envelope = message as Entry;
    if (envelope.method === 'subscribe') {
      const result = envelope.result as Entry | undefined;
      if (envelope.success === true) {
        return { ...nothing, subscribed: typeof result?.channel === 'string' ? [result.channel] : [] };
      }
      return { ...nothing, error: `Kraken refused the subscription: ${String(envelope.error)}` };
    }
    if (envelope.channel === 'status' || envelope.channel === 'heartbeat') return nothing;
    if (typeof envelope.error === 'string' && envelope.success === false) {
      return { ...nothing, error: `Kraken error: ${envelope.error}` };
    }
    const data = Array.isArray(envelope.data) ? (envelope.data as Entry[]) : [];
    const snapshot = envelope.type === 'snapshot' ? String(envelope.channel) : undefined;
    if (envelope.channel === 'balances') return { ...nothing, snapshot, balances: this.#balances(data) };
    if (envelope.channel !== 'executions') return nothing;
    const events: Array<OrderUpdateEvent | FillEvent> = [];
    for (const entry of data) events.push(...this.#execution(entry, receivedAt));
    return { ...nothing, snapshot, events };
  }

  #balances(data: readonly Entry[]): Record<string, Decimal> {
    const balances: Record<string, Decimal> = {};
    for (const entry of data) {
      const balance = decimalOf(entry.balance);
      if (typeof entry.asset === 'string' && balance !== undefined) balances[entry.asset] = balance;
    }
    return balances;
  }

  #execution(entry: Entry, receivedAt: Date): Array<OrderUpdateEvent | FillEvent> {
    if (typeof entry.order_id !== 'string') return [];
    const exchangeTime = typeof entry.timestamp === 'string' ? new Date(entry.timestamp) : receivedAt;
    const newTrade =
      entry.exec_type === 'trade' && typeof entry.exec_id === 'string' && this.claimTrade(entry.exec_id);
    const state = this.#merge(entry.order_id, entry, exchangeTime, newTrade);
    const market = state.symbol === undefined ? undefined : this.#resolveSymbol(state.symbol);
    if (market === undefined || state.side === undefined) return [];
    const events: Array<OrderUpdateEvent | FillEvent> = [];
    if (newTrade && typeof entry.exec_id === 'string') {
      const amount = decimalOf(entry.last_qty) ?? ZERO;
      const price = decimalOf(entry.last_price) ?? ZERO;
      const { fee, currency } = feesOf(entry);
      events.push({
        type: 'fill',
        fill: {
          tradeId: entry.exec_id,
          orderId: state.id,
          clientOrderId: state.clientOrderId === '' ? undefined : state.clientOrderId,
          symbol: market.symbol,
          side: state.side,
          price,
          amount,
          fee,
          feeCurrency: currency ?? state.feeCurrency,
          liquidity: entry.liquidity_ind === 'm' ? 'MAKER' : 'TAKER',
          executedAt: exchangeTime,
          cumulativeFilledAmount: state.filled,
        },
        exchangeTime,
        receivedAt,
      });
    }
    const terminal = ['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED'].includes(state.status);
    events.push({
      type: 'order',
      order: {
        id: state.id,
        clientOrderId: state.clientOrderId,
        symbol: market.symbol,
        side: state.side,
        type: state.type,
        timeInForce: state.timeInForce,
        postOnly: state.postOnly,
        price: state.price,
        amount: state.amount,
        filledAmount: state.filled,
        remainingAmount: terminal ? ZERO : state.amount.minus(state.filled),
        averageFillPrice: state.filled.isZero() ? undefined : state.cost.dividedBy(state.filled),
        fee: state.fee,
        feeCurrency: state.feeCurrency,
        status: state.status,
        createdAt: state.createdAt ?? exchangeTime,
        updatedAt: exchangeTime,
      },
      exchangeTime,
      receivedAt,
    });
    return events;
  }

  #merge(orderId: string, entry: Entry, time: Date, newTrade: boolean): OrderState {
    const state: OrderState = this.#orders.get(orderId) ?? {
      id: orderId,
      clientOrderId: '',
      symbol: undefined,
      side: undefined,
      type: 'LIMIT',
      timeInForce: 'GTC',
      postOnly: false,
      price: undefined,
      amount: ZERO,
      filled: ZERO,
      cost: ZERO,
      fee: ZERO,
      feeCurrency: '',
      status: 'SUBMITTED',
      createdAt: undefined,
    };
    if (typeof entry.cl_ord_id === 'string') state.clientOrderId = entry.cl_ord_id;
    if (typeof entry.symbol === 'string') state.symbol = entry.symbol;
    if (entry.side === 'buy' || entry.side === 'sell') state.side = entry.side;
    if (entry.order_type === 'market') state.type = 'MARKET';
    if (entry.order_type === 'stop-loss-limit') state.type = 'STOP_LIMIT';
    if (entry.time_in_force === 'IOC') state.timeInForce = 'IOC';
    if (entry.post_only === true) state.postOnly = true;
    state.price = decimalOf(entry.limit_price) ?? state.price;
    state.amount = decimalOf(entry.order_qty) ?? state.amount;
    state.filled = decimalOf(entry.cum_qty) ?? state.filled;
    state.cost = decimalOf(entry.cum_cost) ?? state.cost;
    const { fee, currency } = feesOf(entry);
    if (newTrade) state.fee = state.fee.plus(fee);
    if (currency !== undefined) state.feeCurrency = currency;
    if (typeof entry.order_status === 'string') state.status = statuses[entry.order_status] ?? state.status;
    if (entry.exec_type === 'new' || entry.exec_type === 'pending_new') state.createdAt ??= time;
    this.#orders.set(orderId, state);
    return state;
  }
}
