import { ExchangeError } from './port/exchange-error.js';
import type { Market } from './port/market.js';

/**
 * Currency codes that venues spell differently from the common name: Kraken's XBT and XDG, and its
 * REST asset keys with an X/Z class prefix (XXBT, ZUSD). Adapters may add their own (ccxt's
 * `commonCurrencies`).
 */
export const defaultCurrencyAliases: Readonly<Record<string, string>> = {
  XBT: 'BTC',
  XXBT: 'BTC',
  XDG: 'DOGE',
  XXDG: 'DOGE',
  XETH: 'ETH',
  XLTC: 'LTC',
  XXRP: 'XRP',
  ZUSD: 'USD',
  ZEUR: 'EUR',
  ZGBP: 'GBP',
};

// TradingView prefixes the venue (`COINBASE:BTCUSD`) and Binance perpetuals end in `.P`.
const venuePrefix = /^[A-Z0-9_]+:/;
const separators = /[/\-_ ]/;

/**
 * Finds a market from the spellings users, TradingView and venues use: `BTC/USD`, `BTC-USD`,
 * `btc-usd`, `XBT/USD`, `BTCUSD`, `COINBASE:BTCUSD`, or the venue's own id. Anything else is
 * INVALID_SYMBOL. Built once per market list; the ccxt adapter reuses it over ccxt's markets.
 */
export class SymbolResolver {
  readonly #markets: ReadonlyMap<string, Market>;
  readonly #byJoinedName = new Map<string, Market>();
  readonly #byExchangeSymbol = new Map<string, Market>();
  readonly #aliases: Readonly<Record<string, string>>;

  constructor(
    markets: readonly Market[],
    aliases: Readonly<Record<string, string>> = defaultCurrencyAliases,
  ) {
    this.#aliases = aliases;
    this.#markets = new Map(markets.map((market) => [market.symbol, market]));
    for (const market of markets) {
      this.#byJoinedName.set(`${market.base}${market.quote}`, market);
      this.#byExchangeSymbol.set(market.exchangeSymbol.toUpperCase(), market);
    }
  }

  /** Every market known, in the order given. */
  get markets(): readonly Market[] {
    return [...this.#markets.values()];
  }

  /** The market the text names; throws ExchangeError INVALID_SYMBOL when none does. */
  resolve(text: string): Market {
    const market = this.find(text);
    if (market === undefined) {
      throw new ExchangeError('INVALID_SYMBOL', `no market matches "${text}"`, { context: { symbol: text } });
    }
    return market;
  }

  /** The market the text names, or undefined. */
  find(text: string): Market | undefined {
    const upper = text.trim().toUpperCase();
    const native = this.#byExchangeSymbol.get(upper);
    if (native !== undefined) return native;
    const bare = upper.replace(venuePrefix, '').replace(/\.P$/, '');
    const parts = bare.split(separators).filter((part) => part.length > 0);
    if (parts.length === 2) {
      const [base = '', quote = ''] = parts.map((code) => this.#canonicalCurrency(code));
      return this.#markets.get(`${base}/${quote}`);
    }
    if (parts.length === 1) return this.#findJoined(bare);
    return undefined;
  }

  // BTCUSD has no separator: try every split whose halves name a known base and quote.
  #findJoined(joined: string): Market | undefined {
    for (let split = 2; split <= joined.length - 2; split += 1) {
      const base = this.#canonicalCurrency(joined.slice(0, split));
      const quote = this.#canonicalCurrency(joined.slice(split));
      const market = this.#byJoinedName.get(`${base}${quote}`);
      if (market !== undefined && market.base === base && market.quote === quote) return market;
    }
    return undefined;
  }

  #canonicalCurrency(code: string): string {
    return this.#aliases[code] ?? code;
  }
}

/** The canonical `BASE/QUOTE` spelling of a pair of currency codes. */
export function canonicalSymbol(base: string, quote: string): string {
  return `${base.toUpperCase()}/${quote.toUpperCase()}`;
}
