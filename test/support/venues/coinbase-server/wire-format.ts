import { type Decimal, toPlainString, ZERO } from '@hookline/core';
import type { Balance, Candle, ExchangeOrder, Fill, Market, Ticker } from '@hookline/exchange';

// Coinbase Advanced Trade's documented JSON shapes, built from the paper exchange's state. All
// numbers are strings; times are ISO-8601 with microseconds, as the venue sends them.

/** A time as Coinbase writes it (`2025-01-02T12:00:00.123000Z`). */
export function coinbaseTime(time: Date): string {
  return time.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

const plain = (value: Decimal | undefined) => (value === undefined ? '0' : toPlainString(value));

/** The product id of a market (`BTC-USD`). */
export function productId(market: Market): string {
  return market.exchangeSymbol;
}

/** A product as `GET /products` and `/market/products` list it. */
export function productJson(market: Market, price: Decimal | undefined): Record<string, unknown> {
  return {
    product_id: productId(market),
    price: plain(price),
    base_increment: plain(market.amountStep),
    quote_increment: plain(market.priceTick),
    price_increment: plain(market.priceTick),
    base_min_size: plain(market.minAmount),
    base_max_size: '10000',
    quote_min_size: plain(market.minNotional),
    quote_max_size: '100000000',
    base_currency_id: market.base,
    quote_currency_id: market.quote,
    status: 'online',
    trading_disabled: !market.active,
    cancel_only: false,
    limit_only: false,
    post_only: false,
    is_disabled: false,
    product_type: 'SPOT',
    alias: '',
    alias_to: [],
  };
}

/** An account (`GET /accounts`): available and hold. */
export function accountJson(balance: Balance): Record<string, unknown> {
  const crypto = balance.currency !== 'USD';
  return {
    uuid: `account-${balance.currency.toLowerCase()}`,
    name: `${balance.currency} Wallet`,
    currency: balance.currency,
    available_balance: { value: plain(balance.available), currency: balance.currency },
    default: true,
    active: true,
    created_at: '2024-01-01T00:00:00.000000Z',
    updated_at: '2024-01-01T00:00:00.000000Z',
    deleted_at: null,
    type: crypto ? 'ACCOUNT_TYPE_CRYPTO' : 'ACCOUNT_TYPE_FIAT',
    ready: true,
    hold: { value: plain(balance.total.minus(balance.available)), currency: balance.currency },
  };
}

/** One pricebook of `GET /best_bid_ask`. */
export function pricebookJson(market: Market, ticker: Ticker): Record<string, unknown> {
  return {
    product_id: productId(market),
    bids: [{ price: plain(ticker.bid), size: plain(ticker.bidSize) }],
    asks: [{ price: plain(ticker.ask), size: plain(ticker.askSize) }],
    time: coinbaseTime(ticker.exchangeTime),
  };
}

/** A candle of `GET /market/products/{id}/candles` (start in Unix seconds). */
export function candleJson(candle: Candle): Record<string, unknown> {
  return {
    start: String(Math.floor(candle.openTime.getTime() / 1_000)),
    low: plain(candle.low),
    high: plain(candle.high),
    open: plain(candle.open),
    close: plain(candle.close),
    volume: plain(candle.volume),
  };
}

const restStatus: Record<ExchangeOrder['status'], string> = {
  NEW: 'PENDING',
  SUBMITTED: 'PENDING',
  OPEN: 'OPEN',
  PARTIALLY_FILLED: 'OPEN',
  PENDING_CANCEL: 'CANCEL_QUEUED',
  FILLED: 'FILLED',
  CANCELED: 'CANCELLED',
  REJECTED: 'FAILED',
  EXPIRED: 'EXPIRED',
};

/** Coinbase's status word for an order. */
export function coinbaseStatus(order: ExchangeOrder): string {
  return restStatus[order.status];
}

function configurationJson(order: ExchangeOrder): Record<string, unknown> {
  const base_size = plain(order.amount);
  if (order.type === 'MARKET') return { market_market_ioc: { base_size } };
  const limit_price = plain(order.price);
  if (order.timeInForce === 'IOC') return { sor_limit_ioc: { base_size, limit_price } };
  return { limit_limit_gtc: { base_size, limit_price, post_only: order.postOnly } };
}

/** An order as `GET /orders/historical/{id}` and `/historical/batch` return it. */
export function orderJson(order: ExchangeOrder, numberOfFills: number): Record<string, unknown> {
  const filledValue = order.averageFillPrice?.times(order.filledAmount) ?? ZERO;
  return {
    order_id: order.id,
    product_id: order.symbol.replace('/', '-'),
    user_id: 'user-1',
    order_configuration: configurationJson(order),
    side: order.side.toUpperCase(),
    client_order_id: order.clientOrderId,
    status: coinbaseStatus(order),
    time_in_force: order.timeInForce === 'IOC' ? 'IMMEDIATE_OR_CANCEL' : 'GOOD_UNTIL_CANCELLED',
    created_time: coinbaseTime(order.createdAt),
    completion_percentage: order.amount.isZero()
      ? '0'
      : plain(order.filledAmount.dividedBy(order.amount).times(100)),
    filled_size: plain(order.filledAmount),
    average_filled_price: plain(order.averageFillPrice),
    fee: '',
    number_of_fills: String(numberOfFills),
    filled_value: plain(filledValue),
    pending_cancel: order.status === 'PENDING_CANCEL',
    size_in_quote: false,
    total_fees: plain(order.fee),
    size_inclusive_of_fees: false,
    total_value_after_fees: plain(
      order.side === 'buy' ? filledValue.plus(order.fee) : filledValue.minus(order.fee),
    ),
    trigger_status: 'INVALID_ORDER_TYPE',
    order_type: order.type,
    reject_reason: '',
    settled: order.status === 'FILLED',
    product_type: 'SPOT',
    reject_message: '',
    cancel_message: '',
    last_fill_time: order.filledAmount.isZero() ? null : coinbaseTime(order.updatedAt),
  };
}

/** A fill of `GET /orders/historical/fills`. */
export function fillJson(fill: Fill): Record<string, unknown> {
  return {
    entry_id: `entry-${fill.tradeId}`,
    trade_id: fill.tradeId,
    order_id: fill.orderId,
    trade_time: coinbaseTime(fill.executedAt),
    trade_type: 'FILL',
    price: plain(fill.price),
    size: plain(fill.amount),
    commission: plain(fill.fee),
    product_id: fill.symbol.replace('/', '-'),
    sequence_timestamp: coinbaseTime(fill.executedAt),
    liquidity_indicator: fill.liquidity,
    size_in_quote: false,
    user_id: 'user-1',
    side: fill.side.toUpperCase(),
    retail_portfolio_id: '',
  };
}

/** An order of a `user` channel event: cumulative state (docs/exchange-notes.md, Coinbase 5). */
export function userOrderJson(order: ExchangeOrder): Record<string, unknown> {
  return {
    order_id: order.id,
    client_order_id: order.clientOrderId,
    cumulative_quantity: plain(order.filledAmount),
    leaves_quantity: plain(order.remainingAmount),
    avg_price: plain(order.averageFillPrice),
    total_fees: plain(order.fee),
    status: coinbaseStatus(order),
    product_id: order.symbol.replace('/', '-'),
    creation_time: coinbaseTime(order.createdAt),
    order_side: order.side.toUpperCase(),
    order_type: order.type === 'MARKET' ? 'Market' : 'Limit',
    time_in_force: order.timeInForce === 'IOC' ? 'IMMEDIATE_OR_CANCEL' : 'GOOD_UNTIL_CANCELLED',
    post_only: order.postOnly,
    limit_price: plain(order.price),
    cancel_reason: '',
    reject_Reason: '',
    product_type: 'SPOT',
    contract_expiry_type: 'UNKNOWN_CONTRACT_EXPIRY_TYPE',
    risk_managed_by: 'UNKNOWN_RISK_MANAGEMENT_TYPE',
    trigger_status: 'INVALID_ORDER_TYPE',
  };
}

/** A ticker of the `ticker` channel. */
export function tickerJson(market: Market, ticker: Ticker): Record<string, unknown> {
  return {
    type: 'ticker',
    product_id: productId(market),
    price: plain(ticker.bid.plus(ticker.ask).dividedBy(2)),
    volume_24_h: '0',
    best_bid: plain(ticker.bid),
    best_bid_quantity: plain(ticker.bidSize),
    best_ask: plain(ticker.ask),
    best_ask_quantity: plain(ticker.askSize),
  };
}
