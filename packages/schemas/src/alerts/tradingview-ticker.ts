/**
 * Quote currencies a joined ticker (BTCUSDT) can end in, longest match first so FDUSD wins over USD.
 * TUSD and BUSD are left out on purpose: DOTUSD, BATUSD and XBTUSD would read as DO/TUSD, BA/TUSD,
 * XB/TUSD. A pair quoted in anything else needs a separator (BTC/TUSD), an override, or the exchange's
 * market list (ingress retries the raw ticker against it).
 */
export const KNOWN_QUOTE_CURRENCIES: readonly string[] = [
  'FDUSD',
  'USDT',
  'USDC',
  'USD',
  'DAI',
  'EUR',
  'GBP',
  'JPY',
  'CAD',
  'AUD',
  'CHF',
  'TRY',
  'BRL',
  'BTC',
  'ETH',
].sort((left, right) => right.length - left.length);

/**
 * Codes TradingView shows as the venue spells them but exchanges (and ccxt) trade under the common
 * name: Kraken's XBT and XDG. Kept here as well as in @hookline/exchange, which schemas cannot import.
 */
export const TICKER_CURRENCY_ALIASES: Readonly<Record<string, string>> = { XBT: 'BTC', XDG: 'DOGE' };

/** The market a TradingView ticker names, or why none could be found. */
export type TickerMapping =
  | { readonly ok: true; readonly symbol: string }
  | { readonly ok: false; readonly message: string };

/** Configured overrides: `TICKER` or `EXCHANGE:TICKER` (upper case) → `BASE/QUOTE`. */
export type SymbolOverrides = Readonly<Record<string, string>>;

// `COINBASE:BTCUSD`, `BINANCE_DL:BTCUSDT`: TradingView prefixes the chart's venue.
const VENUE_PREFIX = /^([A-Z0-9_]+):/;
// TradingView marks delayed-data feeds with `_DL` / `_DLY` (`{{exchange}}` = `COINBASE_DL`).
const DELAYED_SUFFIX = /_(DL|DLY)$/;
const CURRENCY = /^[A-Z0-9]{2,15}$/;

/** TradingView's `{{exchange}}` without a delayed-data suffix, upper case (`coinbase_dl` → `COINBASE`). */
export function normalizeTradingViewExchange(exchange: string): string {
  return exchange.trim().toUpperCase().replace(DELAYED_SUFFIX, '');
}

/**
 * Maps a TradingView ticker to a `BASE/QUOTE` market: overrides first (for `EXCHANGE:TICKER`, then
 * `TICKER`), then the venue prefix and a `.P` perpetual suffix are dropped, then `BTC/USD`, `BTC-USD`
 * and `BTC_USD` split at the separator and `BTCUSDT` at the longest known quote currency; XBT reads
 * as BTC. `exchange` (the alert's `{{exchange}}`) lets an `EXCHANGE:TICKER` override match a bare ticker.
 */
export function mapTradingViewTicker(
  ticker: string,
  exchange: string | undefined,
  overrides: SymbolOverrides = {},
): TickerMapping {
  const upper = ticker.trim().toUpperCase();
  const venue =
    VENUE_PREFIX.exec(upper)?.[1] ?? (exchange === undefined ? undefined : exchange.toUpperCase());
  const bare = upper.replace(VENUE_PREFIX, '');
  const venueName = venue?.replace(DELAYED_SUFFIX, '');
  const overridden =
    (venueName === undefined ? undefined : overrides[`${venueName}:${bare}`]) ?? overrides[bare];
  if (overridden !== undefined) return { ok: true, symbol: overridden };
  const pair = splitPair(bare.replace(/\.P$/, ''));
  if (pair === undefined) {
    return {
      ok: false,
      message:
        `the ticker "${ticker.slice(0, 40)}" maps to no BASE/QUOTE market: ` +
        'add it to HOOKLINE_SYMBOL_OVERRIDES (e.g. XYZUSD=XYZ/USD)',
    };
  }
  return { ok: true, symbol: `${pair.base}/${pair.quote}` };
}

function splitPair(bare: string): { base: string; quote: string } | undefined {
  const parts = bare.split(/[/\-_]/).filter((part) => part.length > 0);
  let base: string | undefined;
  let quote: string | undefined;
  if (parts.length === 2) [base, quote] = parts;
  else if (parts.length === 1) {
    quote = KNOWN_QUOTE_CURRENCIES.find((code) => bare.endsWith(code) && bare.length - code.length >= 2);
    base = quote === undefined ? undefined : bare.slice(0, bare.length - quote.length);
  }
  if (base === undefined || quote === undefined) return undefined;
  const pair = { base: alias(base), quote: alias(quote) };
  return CURRENCY.test(pair.base) && CURRENCY.test(pair.quote) ? pair : undefined;
}

function alias(code: string): string {
  return TICKER_CURRENCY_ALIASES[code] ?? code;
}
