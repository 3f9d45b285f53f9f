import { type Decimal, dec, ONE, ZERO } from '@hookline/core';
import type {
  Balances as CcxtBalances,
  MarketInterface as CcxtMarket,
  Ticker as CcxtTicker,
  OHLCV,
} from 'ccxt';
import type { Balance, Balances, Candle, Market, Ticker } from '../port/market.js';
import { canonicalSymbol } from '../symbols.js';
import { dateOr, decimalOr, optionalDecimal } from './ccxt-values.js';

// ccxt's precisionMode values: DECIMAL_PLACES = 2 (precision is a digit count), TICK_SIZE = 4
// (precision is the step itself; Coinbase and Kraken, docs/exchange-notes.md, ccxt 8).
const decimalPlacesMode = 2;

function step(value: unknown, precisionMode: number): Decimal {
  const precision = optionalDecimal(value);
  if (precision === undefined) return ZERO;
  return precisionMode === decimalPlacesMode ? ONE.dividedBy(dec(10).pow(precision)) : precision;
}

/** Our market from a ccxt spot market (undefined for derivatives, which Hookline does not trade). */
export function marketFromCcxt(market: CcxtMarket, precisionMode: number): Market | undefined {
  if (market.spot !== true || market.base === undefined || market.quote === undefined) return undefined;
  return {
    symbol: canonicalSymbol(market.base, market.quote),
    base: market.base.toUpperCase(),
    quote: market.quote.toUpperCase(),
    exchangeSymbol: String(market.id),
    priceTick: step(market.precision.price, precisionMode),
    amountStep: step(market.precision.amount, precisionMode),
    minAmount: decimalOr(market.limits.amount?.min, ZERO),
    minNotional: decimalOr(market.limits.cost?.min, ZERO),
    active: market.active !== false,
  };
}

const balanceMetaKeys = new Set(['info', 'free', 'used', 'total', 'debt', 'timestamp', 'datetime']);

/** Our balances from ccxt's: available is ccxt's `free`, total is `total` (or free + used). */
export function balancesFromCcxt(balance: CcxtBalances): Balances {
  const result: Record<string, Balance> = {};
  for (const [currency, account] of Object.entries(balance)) {
    if (balanceMetaKeys.has(currency) || typeof account !== 'object' || account === null) continue;
    const entry = account as { free?: unknown; used?: unknown; total?: unknown };
    const available = decimalOr(entry.free, ZERO);
    const total = optionalDecimal(entry.total) ?? available.plus(decimalOr(entry.used, ZERO));
    result[currency.toUpperCase()] = { currency: currency.toUpperCase(), total, available };
  }
  return result;
}

/** Our ticker from ccxt's; the exchange time falls back to our receive time when the venue gives none. */
export function tickerFromCcxt(ticker: CcxtTicker, symbol: string, receivedAt: Date): Ticker {
  return {
    symbol,
    bid: decimalOr(ticker.bid, ZERO),
    ask: decimalOr(ticker.ask, ZERO),
    bidSize: decimalOr(ticker.bidVolume, ZERO),
    askSize: decimalOr(ticker.askVolume, ZERO),
    exchangeTime: dateOr(ticker.timestamp, receivedAt),
    receivedAt,
    change24hPct: change24hOf(ticker),
  };
}

// ccxt's `percentage` is the 24 h change in percent; a venue without it may still give the 24 h
// `open` and the `last` price to compute it from. Neither: not known (never a guessed 0).
function change24hOf(ticker: CcxtTicker): Decimal | undefined {
  const percentage = optionalDecimal(ticker.percentage);
  if (percentage !== undefined) return percentage;
  const open = optionalDecimal(ticker.open);
  const last = optionalDecimal(ticker.last);
  if (open === undefined || last === undefined || !open.greaterThan(ZERO)) return undefined;
  return last.minus(open).dividedBy(open).times(100);
}

/** Our candles from ccxt's OHLCV rows, oldest first. */
export function candlesFromCcxt(rows: readonly OHLCV[]): Candle[] {
  return rows
    .map(([time, open, high, low, close, volume]) => ({
      openTime: new Date(Number(time)),
      open: decimalOr(open, ZERO),
      high: decimalOr(high, ZERO),
      low: decimalOr(low, ZERO),
      close: decimalOr(close, ZERO),
      volume: decimalOr(volume, ZERO),
    }))
    .sort((left, right) => left.openTime.getTime() - right.openTime.getTime());
}
