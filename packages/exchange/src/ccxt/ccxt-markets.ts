import type { MarketInterface as CcxtMarket, Exchange } from 'ccxt';
import type { Market } from '../port/market.js';
import { SymbolResolver } from '../symbols.js';
import type { CcxtGateway } from './ccxt-gateway.js';
import { marketFromCcxt } from './ccxt-market-mapping.js';

interface CoinbaseProductsClient {
  v3PublicGetBrokerageMarketProducts(params: object): Promise<{ products?: unknown[] }>;
  parseSpotMarket(product: unknown, feeTier: object): CcxtMarket;
  setMarkets(markets: CcxtMarket[]): unknown;
}

/**
 * The venue's markets, loaded once on demand (and again by fetchMarkets), behind the shared
 * SymbolResolver so every spelling (`BTC-USD`, `XBT/USD`, `BTCUSD`) finds one market. Coinbase's
 * come from one products call handed to ccxt's setMarkets: ccxt's loadMarkets would call seven
 * endpoints, two of them futures listings (docs/exchange-notes.md, ccxt 10).
 */
export class CcxtMarkets {
  readonly #gateway: CcxtGateway;
  #resolver: SymbolResolver | undefined;
  #ccxtSymbols = new Map<string, string>();
  #loading: Promise<SymbolResolver> | undefined;

  constructor(gateway: CcxtGateway) {
    this.#gateway = gateway;
  }

  /** The resolver when markets are loaded. */
  get resolver(): SymbolResolver | undefined {
    return this.#resolver;
  }

  /** The markets, loading them if needed (`force` reloads). */
  async load(force = false): Promise<SymbolResolver> {
    if (this.#resolver !== undefined && !force) return this.#resolver;
    this.#loading ??= this.#gateway
      .read('fetchMarkets', {}, (client) => this.#fetch(client))
      .finally(() => {
        this.#loading = undefined;
      });
    return this.#loading;
  }

  /** The market a spelling names (INVALID_SYMBOL otherwise), loading markets first if needed. */
  async resolve(symbol: string): Promise<Market> {
    return (await this.load()).resolve(symbol);
  }

  /** ccxt's symbol for one of our markets. */
  ccxtSymbol(market: Market): string {
    return this.#ccxtSymbols.get(market.symbol) ?? market.symbol;
  }

  /** Our market for a ccxt symbol, if known. */
  fromCcxtSymbol(symbol: string | undefined): Market | undefined {
    return symbol === undefined ? undefined : this.#resolver?.find(symbol);
  }

  async #fetch(client: Exchange): Promise<SymbolResolver> {
    if (this.#gateway.profile.marketSource === 'coinbase-products') {
      const coinbase = client as unknown as CoinbaseProductsClient;
      const response = await coinbase.v3PublicGetBrokerageMarketProducts({ product_type: 'SPOT' });
      coinbase.setMarkets((response.products ?? []).map((product) => coinbase.parseSpotMarket(product, {})));
    } else {
      await client.loadMarkets(true);
    }
    const markets: Market[] = [];
    const ccxtSymbols = new Map<string, string>();
    for (const ccxtMarket of Object.values(client.markets ?? {})) {
      const market =
        ccxtMarket === undefined ? undefined : marketFromCcxt(ccxtMarket, client.precisionMode ?? 4);
      if (market === undefined || ccxtMarket === undefined || ccxtSymbols.has(market.symbol)) continue;
      markets.push(market);
      ccxtSymbols.set(market.symbol, ccxtMarket.symbol);
    }
    this.#resolver = new SymbolResolver(markets, this.#gateway.profile.currencyAliases);
    this.#ccxtSymbols = ccxtSymbols;
    return this.#resolver;
  }
}
