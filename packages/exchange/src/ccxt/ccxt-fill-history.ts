import type { Clock } from '@hookline/core';
import type { Fill, FillCursor, FillPage, FillQuery } from '../port/fill.js';
import { sequenceTimeOf, tradesOfOrder, tradesSince } from './ccxt-fills.js';
import type { CcxtGateway } from './ccxt-gateway.js';
import type { CcxtMarkets } from './ccxt-markets.js';
import { fillFromCcxt } from './ccxt-order-mapping.js';
import { decodeFillCursor, encodeFillCursor, pageAfter } from './fill-cursor.js';

const maxFillPage = 1_000;

/**
 * The REST fill history of a CcxtExchange: pages after a cursor (each fill exactly once, the
 * ledger's source of truth) and one order's fills (the stream's gap backfill).
 */
export class CcxtFillHistory {
  readonly #gateway: CcxtGateway;
  readonly #markets: CcxtMarkets;
  readonly #clock: Clock;

  constructor(gateway: CcxtGateway, markets: CcxtMarkets, clock: Clock) {
    this.#gateway = gateway;
    this.#markets = markets;
    this.#clock = clock;
  }

  /** Fills after the cursor, oldest first; the same cursor comes back when nothing is new. */
  async since(query: FillQuery): Promise<FillPage> {
    const market = query.symbol === undefined ? undefined : await this.#markets.resolve(query.symbol);
    await this.#markets.load();
    const position = decodeFillCursor(query.cursor);
    const ccxtSymbol = market === undefined ? undefined : this.#markets.ccxtSymbol(market);
    const trades = await this.#gateway.read('fetchFillsSince', { symbol: market?.symbol }, (client) =>
      tradesSince(client, this.#gateway.profile, position.afterMs, ccxtSymbol),
    );
    const now = this.#clock.now();
    const sequenced = trades.flatMap((trade) => {
      const tradeMarket = this.#markets.fromCcxtSymbol(trade.symbol);
      return tradeMarket === undefined
        ? []
        : [{ fill: fillFromCcxt(trade, tradeMarket, now), sequenceMs: sequenceTimeOf(trade) }];
    });
    const page = pageAfter(sequenced, position, Math.min(query.limit ?? maxFillPage, maxFillPage));
    const unchanged = query.cursor ?? encodeFillCursor(position);
    return {
      fills: page.fills,
      nextCursor: page.fills.length === 0 ? unchanged : encodeFillCursor(page.position),
      hasMore: page.hasMore,
      receivedAt: now,
    };
  }

  /** Every fill of one order, oldest first, with trade ids. */
  async ofOrder(orderId: string): Promise<readonly Fill[]> {
    await this.#markets.load();
    const trades = await this.#gateway.read('fetchFillsSince', { orderId }, (client) =>
      tradesOfOrder(client, this.#gateway.profile, orderId, undefined),
    );
    const now = this.#clock.now();
    return trades.flatMap((trade) => {
      const market = this.#markets.fromCcxtSymbol(trade.symbol);
      return market === undefined ? [] : [fillFromCcxt(trade, market, now)];
    });
  }

  /** A cursor from which `since` returns the fills sequenced at or after `time`. */
  cursorAt(time: Date): FillCursor {
    return encodeFillCursor({ afterMs: time.getTime(), seenAtBoundary: [] });
  }
}
