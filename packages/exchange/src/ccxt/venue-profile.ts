import type { Decimal, OrderStatus } from '@hookline/core';
import { coinbaseOrderStatus } from '../coinbase/coinbase-order-status.js';
import { defaultCurrencyAliases } from '../symbols.js';
import {
  binanceRejection,
  coinbaseRejection,
  krakenRejection,
  type VenueRejection,
} from './venue-rejections.js';

/** The venues the ccxt adapter is configured for (the EXCHANGE setting). */
export type VenueId = 'coinbase' | 'kraken' | 'binance';

/** How an order is found by our client order id on a venue. */
export type ClientOrderLookup =
  /** List recent orders (newest first, paged) and match client_order_id: Coinbase has no lookup by it. */
  | {
      readonly kind: 'scan';
      readonly methods: readonly ('fetchOrders' | 'fetchOpenOrders' | 'fetchClosedOrders')[];
    }
  /** fetchOrder with the id in this param (Binance `origClientOrderId`, symbol required). */
  | { readonly kind: 'param'; readonly param: string };

/**
 * Everything that differs between venues behind the one CcxtExchange: a table, not `if` branches
 * in the adapter (dry-run branches inside a live adapter are what made freqtrade's hard to follow).
 */
export interface VenueProfile {
  readonly id: VenueId;
  /** The param that carries our client order id on create (docs/exchange-notes.md, ccxt 1 and Kraken 3). */
  readonly clientOrderIdParam: string;
  readonly clientOrderLookup: ClientOrderLookup;
  /**
   * `limit-ioc`: a market buy is sent as an IOC limit through the book (Coinbase sizes market buys
   * in quote, so an exact base amount needs a limit order); `native`: a market order by base amount.
   */
  readonly marketBuy: 'limit-ioc' | 'native';
  /** `bidsAsks`: best bid/ask with sizes from fetchBidsAsks (Coinbase best_bid_ask); `ticker`: fetchTicker. */
  readonly tickerSource: 'bidsAsks' | 'ticker';
  /** `coinbase-products`: one products call + setMarkets (ccxt's loadMarkets calls seven endpoints). */
  readonly marketSource: 'coinbase-products' | 'ccxt';
  /**
   * `coinbase-cursor`: fills by `start_sequence_timestamp` and Coinbase's page cursor, one order's
   * by `order_ids`; `ccxt-since`: ccxt's fetchMyTrades `since` and fetchOrderTrades.
   */
  readonly fillHistory: 'coinbase-cursor' | 'ccxt-since';
  /**
   * `coinbase`: the user and ticker channels over `ws`; `kraken`: the public v2 `ticker` channel and
   * the authenticated v2 `executions`/`balances` channels; `none`: no streams in this adapter yet
   * (live mode is refused there at configuration time).
   */
  readonly streams: 'coinbase' | 'kraken' | 'none';
  /**
   * The ccxt createOrder param that turns a `limit` sell into a stop-limit triggered when the price
   * falls to it, or undefined when we do not place stops on the venue. ccxt 4.5: Coinbase reads
   * `stopLossPrice` as stop_limit_stop_limit_gtc with STOP_DIRECTION_STOP_DOWN for a sell (its
   * `triggerPrice` would default a sell to STOP_UP); Kraken reads it as ordertype `stop-loss-limit`
   * (price = trigger, price2 = limit).
   */
  readonly stopLimitParam: 'stopLossPrice' | undefined;
  /**
   * The venue's sandbox REST base (HOOKLINE_SANDBOX), or undefined when it has none. ccxt 4.5 has no
   * `test` URL for Coinbase, so `setSandboxMode` would throw: the base is set here instead.
   */
  readonly sandboxRestUrl: string | undefined;
  /** Options merged into the ccxt constructor's `options`. */
  readonly ccxtOptions: Readonly<Record<string, unknown>>;
  /** Venue currency spellings (Kraken XBT, XXBT, ZUSD) for the SymbolResolver. */
  readonly currencyAliases: Readonly<Record<string, string>>;
  /**
   * The request budgets (ExchangeLanes): ms per orders/account request and per market data read,
   * and the venue limits they keep under.
   */
  readonly rateLimit: {
    readonly msPerRequest: number;
    readonly marketDataMsPerRequest: number;
    readonly venueLimit: string;
  };
  /** Finds the venue's error code in a ccxt error message. */
  readonly parseRejection: (message: string) => VenueRejection | undefined;
  /** The order status from the venue's raw order, where ccxt's unified status loses it. */
  readonly orderStatus?: (
    info: Readonly<Record<string, unknown>>,
    filled: Decimal,
  ) => OrderStatus | undefined;
}

/** The three configured venues. */
export const venueProfiles: Readonly<Record<VenueId, VenueProfile>> = {
  coinbase: {
    id: 'coinbase',
    // ccxt ignores params.clientOrderId on Coinbase and sends its own ccxt-<uuid>
    // (docs/exchange-notes.md, ccxt 1).
    clientOrderIdParam: 'client_order_id',
    clientOrderLookup: { kind: 'scan', methods: ['fetchOrders'] },
    marketBuy: 'limit-ioc',
    tickerSource: 'bidsAsks',
    marketSource: 'coinbase-products',
    fillHistory: 'coinbase-cursor',
    streams: 'coinbase',
    stopLimitParam: 'stopLossPrice',
    // Advanced Trade's sandbox: REST only, static canned answers (docs/exchange-notes.md, Coinbase 10).
    sandboxRestUrl: 'https://api-sandbox.coinbase.com',
    // v3 accounts give available and hold (ccxt's default is the v2 wallet list, total only).
    ccxtOptions: { fetchBalance: 'v3PrivateGetBrokerageAccounts', brokerId: 'hookline' },
    currencyAliases: defaultCurrencyAliases,
    rateLimit: {
      msPerRequest: 34,
      marketDataMsPerRequest: 100,
      venueLimit: 'Advanced Trade private REST: 30 requests/s per key; public REST: 10 requests/s per IP',
    },
    parseRejection: coinbaseRejection,
    orderStatus: (info, filled) => coinbaseOrderStatus(info.status, filled),
  },
  kraken: {
    id: 'kraken',
    clientOrderIdParam: 'cl_ord_id',
    // Kraken's QueryOrders takes txids or a numeric userref; our ids are UUIDs, so scan.
    clientOrderLookup: { kind: 'scan', methods: ['fetchOpenOrders', 'fetchClosedOrders'] },
    marketBuy: 'native',
    tickerSource: 'ticker',
    marketSource: 'ccxt',
    fillHistory: 'ccxt-since',
    streams: 'kraken',
    stopLimitParam: 'stopLossPrice',
    // Kraken spot has no sandbox (its demo environment is for futures only).
    sandboxRestUrl: undefined,
    ccxtOptions: {},
    currencyAliases: defaultCurrencyAliases,
    rateLimit: {
      msPerRequest: 1_000,
      marketDataMsPerRequest: 1_000,
      venueLimit:
        'Kraken REST counter: about one call/s sustained (starter tier); public REST: 1 call/s per IP',
    },
    parseRejection: krakenRejection,
  },
  binance: {
    id: 'binance',
    clientOrderIdParam: 'newClientOrderId',
    clientOrderLookup: { kind: 'param', param: 'origClientOrderId' },
    marketBuy: 'native',
    tickerSource: 'ticker',
    marketSource: 'ccxt',
    fillHistory: 'ccxt-since',
    streams: 'none',
    // Binance spot's STOP_LOSS_LIMIT is not wired or tested here: the sentinel alone protects there.
    stopLimitParam: undefined,
    // Binance's spot testnet is not wired here.
    sandboxRestUrl: undefined,
    ccxtOptions: { defaultType: 'spot' },
    currencyAliases: defaultCurrencyAliases,
    rateLimit: {
      msPerRequest: 50,
      marketDataMsPerRequest: 50,
      venueLimit: 'Binance spot: 6,000 request weight/min per IP',
    },
    parseRejection: binanceRejection,
  },
};
