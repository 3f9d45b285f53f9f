import { type Clock, dec, isTerminal, ZERO } from '@hookline/core';
import { checkOrderRules, orderContext } from '../order-rules.js';
import { ExchangeError } from '../port/exchange-error.js';
import type { Market, Ticker } from '../port/market.js';
import type { CreateOrderRequest, ExchangeOrder, OrderReference } from '../port/order.js';
import type { CcxtExchangeOptions } from './ccxt-exchange-options.js';
import type { CcxtGateway } from './ccxt-gateway.js';
import type { CcxtMarkets } from './ccxt-markets.js';
import { orderFromCcxt, submittedOrder } from './ccxt-order-mapping.js';
import { ccxtOrderArguments } from './ccxt-order-request.js';

type CcxtOrder = Parameters<typeof orderFromCcxt>[0];

/** The order side of a CcxtExchange: create, cancel, look up, list open. */
export class CcxtOrders {
  readonly #gateway: CcxtGateway;
  readonly #markets: CcxtMarkets;
  readonly #options: CcxtExchangeOptions;
  readonly #clock: Clock;

  constructor(gateway: CcxtGateway, markets: CcxtMarkets, options: CcxtExchangeOptions) {
    this.#gateway = gateway;
    this.#markets = markets;
    this.#options = options;
    this.#clock = options.clock;
  }

  /**
   * Places an order, never retried here: an unanswered create throws UNKNOWN_OUTCOME. `ticker`
   * gives the current quote for market orders (their value for the rules, the limit of an IOC buy).
   */
  async create(
    request: CreateOrderRequest,
    ticker: (symbol: string) => Promise<Ticker>,
  ): Promise<ExchangeOrder> {
    const market = await this.#markets.resolve(request.symbol);
    const context = { ...orderContext(request, market.symbol), exchange: this.#gateway.name };
    // ccxt truncates amounts and rounds prices to the market's precision and never checks minimums
    // (docs/exchange-notes.md, ccxt 7 and 8): refuse here rather than send an order we did not ask for.
    const quote = request.type === 'MARKET' ? await ticker(market.symbol) : undefined;
    checkOrderRules(request, market, (request.side === 'buy' ? quote?.ask : quote?.bid) ?? ZERO);
    const args = ccxtOrderArguments(request, market, this.#gateway.profile, {
      ...(quote === undefined ? {} : { ask: quote.ask }),
      maxSlippage: this.#options.marketBuyMaxSlippage ?? dec('0.05'),
    });
    // Exact decimal strings, not floats: with `number: String` ccxt's precision code takes them as they are.
    const amount = args.amount as unknown as number;
    const price = args.price as unknown as number | undefined;
    const created = await this.#gateway.write(
      'createOrder',
      context,
      (client) =>
        client.createOrder(this.#markets.ccxtSymbol(market), args.type, args.side, amount, price, {
          ...args.params,
        }),
      request.urgent === true,
    );
    // A 200 with a non-JSON body "succeeds" with no id (docs/exchange-notes.md, ccxt 5): not a success.
    if (created.id === undefined || created.id === null || String(created.id) === '') {
      throw new ExchangeError(
        'UNKNOWN_OUTCOME',
        `${this.#gateway.name} answered the create without an order id`,
        {
          context,
        },
      );
    }
    // The answer has no status and a repeated client order id returns the first order
    // (docs/exchange-notes.md, ccxt 6 and ccxt 2): report the order the venue holds; if that read
    // fails, the order is at least placed.
    const id = String(created.id);
    return this.fetch({ orderId: id, symbol: market.symbol }).catch(() =>
      submittedOrder(id, request, market, this.#clock.now()),
    );
  }

  /** Cancels a working order; a terminal one comes back as it is. */
  async cancel(reference: OrderReference): Promise<ExchangeOrder> {
    const order = await this.fetch(reference);
    if (isTerminal(order.status)) return order;
    const market = await this.#markets.resolve(order.symbol);
    const context = { ...reference, orderId: order.id, symbol: order.symbol, exchange: this.#gateway.name };
    const again = { orderId: order.id, symbol: order.symbol };
    try {
      await this.#gateway.write('cancelOrder', context, (client) =>
        client.cancelOrder(order.id, this.#markets.ccxtSymbol(market)),
      );
    } catch (error) {
      // A refused cancel often means the order just ended; the venue's current view decides.
      const now = await this.fetch(again);
      if (isTerminal(now.status)) return now;
      throw error;
    }
    return this.fetch(again);
  }

  /** One order by exchange id, or by our client order id (venue lookup strategy); NOT_FOUND otherwise. */
  async fetch(reference: OrderReference): Promise<ExchangeOrder> {
    const market = reference.symbol === undefined ? undefined : await this.#markets.resolve(reference.symbol);
    await this.#markets.load();
    const ccxtSymbol = market === undefined ? undefined : this.#markets.ccxtSymbol(market);
    // It imports ccxt (OrderNotFound), which loads with the client (CcxtGateway): not before it is needed.
    const { findByClientOrderId } = await import('./client-order-lookup.js');
    const context = {
      ...reference,
      ...(market === undefined ? {} : { symbol: market.symbol }),
      exchange: this.#gateway.name,
    };
    const order = await this.#gateway.read('fetchOrder', context, (client) => {
      if ('orderId' in reference) return client.fetchOrder(reference.orderId, ccxtSymbol);
      const lookup = this.#options.clientOrderLookup;
      return findByClientOrderId(client, this.#gateway.profile, reference.clientOrderId, ccxtSymbol, {
        sinceMs: this.#clock.nowMs() - (lookup?.lookbackMs ?? 7 * 86_400_000),
        pageSize: lookup?.pageSize ?? 100,
        maxPages: lookup?.maxPages ?? 10,
      });
    });
    if (order === undefined || order.id === undefined) {
      throw new ExchangeError('NOT_FOUND', `${this.#gateway.name} has no such order`, {
        context: { operation: 'fetchOrder', ...context },
      });
    }
    return this.#toOrder(order);
  }

  /** Working orders, optionally of one market (orders on markets we do not map are left out). */
  async open(symbol?: string): Promise<readonly ExchangeOrder[]> {
    const market = symbol === undefined ? undefined : await this.#markets.resolve(symbol);
    await this.#markets.load();
    const orders = await this.#gateway.read('fetchOpenOrders', { symbol: market?.symbol }, (client) =>
      client.fetchOpenOrders(market === undefined ? undefined : this.#markets.ccxtSymbol(market)),
    );
    return orders.flatMap((order) =>
      this.#markets.fromCcxtSymbol(order.symbol) === undefined ? [] : [this.#toOrder(order)],
    );
  }

  #toOrder(order: CcxtOrder): ExchangeOrder {
    const market: Market | undefined = this.#markets.fromCcxtSymbol(order.symbol);
    if (market === undefined) {
      throw new ExchangeError(
        'INVALID_SYMBOL',
        `${this.#gateway.name} reported an order on an unknown market`,
        {
          context: { orderId: order.id, symbol: order.symbol },
        },
      );
    }
    return orderFromCcxt(order, market, this.#gateway.profile, this.#clock.now());
  }
}
