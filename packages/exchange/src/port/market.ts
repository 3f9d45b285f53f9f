import type { Decimal } from '@hookline/core';

/** A spot market and the rules an order must meet there (all sizes in base units, notional in quote). */
export interface Market {
  /** Our canonical symbol, `BASE/QUOTE` in upper case (e.g. `BTC/USD`). */
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  /** The exchange's own id for the market (Coinbase `BTC-USD`, Kraken `XXBTZUSD`). */
  readonly exchangeSymbol: string;
  /** Prices must be a multiple of this (Coinbase `quote_increment`). */
  readonly priceTick: Decimal;
  /** Amounts must be a multiple of this (Coinbase `base_increment`). */
  readonly amountStep: Decimal;
  /** The smallest amount accepted (Coinbase `base_min_size`, Kraken `ordermin`). */
  readonly minAmount: Decimal;
  /** The smallest order value, price × amount, accepted (Coinbase `quote_min_size`, Kraken `costmin`). */
  readonly minNotional: Decimal;
  /** False when the market exists but does not accept orders (delisted, halted). */
  readonly active: boolean;
}

/** One currency's balance: total held and the part not reserved by open orders. */
export interface Balance {
  readonly currency: string;
  readonly total: Decimal;
  readonly available: Decimal;
}

/** Balances by currency code (`USD`, `BTC`); a currency never held may be missing. */
export type Balances = Readonly<Record<string, Balance>>;

/** The best bid and ask of a market, with the exchange's time and ours. */
export interface Ticker {
  readonly symbol: string;
  readonly bid: Decimal;
  readonly ask: Decimal;
  /** Size offered at the best bid (base units). */
  readonly bidSize: Decimal;
  /** Size offered at the best ask (base units). */
  readonly askSize: Decimal;
  readonly exchangeTime: Date;
  readonly receivedAt: Date;
  /**
   * The price change over the last 24 hours in percent (3 means +3 %), when the venue reports it
   * (ccxt `percentage`, or from its 24 h `open` and `last`; Coinbase `price_percent_chg_24_h`; the paper
   * exchange from its own price history). Undefined: not known.
   */
  readonly change24hPct?: Decimal | undefined;
}

/** Candle lengths every adapter supports (Coinbase granularities that ccxt maps). */
export const candleTimeframes = ['1m', '5m', '15m', '30m', '1h', '2h', '6h', '1d'] as const;

/** A candle length. */
export type CandleTimeframe = (typeof candleTimeframes)[number];

/** Milliseconds in each candle length. */
export const candleTimeframeMs: Readonly<Record<CandleTimeframe, number>> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '2h': 7_200_000,
  '6h': 21_600_000,
  '1d': 86_400_000,
};

/** One OHLCV candle; `openTime` is the start of its interval (UTC). */
export interface Candle {
  readonly openTime: Date;
  readonly open: Decimal;
  readonly high: Decimal;
  readonly low: Decimal;
  readonly close: Decimal;
  /** Traded base volume in the interval. */
  readonly volume: Decimal;
}

/** Which candles to fetch: from `since` (inclusive, default: the most recent), at most `limit`. */
export interface CandleQuery {
  readonly since?: Date;
  readonly limit?: number;
}
