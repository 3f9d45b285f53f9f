// Fees paid in a third asset (neither side of the fill's pair, nor a USD currency: Binance's BNB,
// Kraken's KFEE) valued at the venue's own price at the time of the fill: the close of the one-minute
// candle of FEE/USD (or the first of the USD currencies the venue lists) in which the fill executed.
// When the venue has no such market or candle the fee is left unvalued (the ledger flags it and the
// tax report names it): a price is never guessed.
import type { Decimal } from '@hookline/core';
import type { ExchangePort, Fill, Market } from '@hookline/exchange';
import { tradingPair } from '@hookline/ledger';

/** What the venue gives for this. */
export type FeePriceSource = Pick<ExchangePort, 'fetchMarkets' | 'fetchCandles'>;

/** A page's third-asset fees: the USD value of each one valued, by trade id, and those left unvalued. */
export interface FeeValuation {
  readonly feeUsd: ReadonlyMap<string, Decimal>;
  readonly unvalued: readonly Fill[];
}

const MINUTE_MS = 60_000;

/** Values third-asset fees from one venue; remembers its markets and the minutes it has read. */
export class FeePrices {
  #markets: Promise<readonly Market[]> | undefined;
  readonly #closes = new Map<string, Decimal | null>();

  constructor(
    private readonly venue: FeePriceSource,
    /** The currencies taken 1:1 as USD, in the order they are tried. */
    private readonly usdCurrencies: readonly string[],
  ) {}

  /** Values every third-asset fee of `fills` that the venue can price. */
  async value(fills: readonly Fill[]): Promise<FeeValuation> {
    const feeUsd = new Map<string, Decimal>();
    const unvalued: Fill[] = [];
    for (const fill of fills) {
      if (!this.#isThirdAsset(fill)) continue;
      const price = await this.#priceAt(fill.feeCurrency.toUpperCase(), fill.executedAt);
      if (price === null) unvalued.push(fill);
      else feeUsd.set(fill.tradeId, fill.fee.times(price));
    }
    return { feeUsd, unvalued };
  }

  #isThirdAsset(fill: Fill): boolean {
    if (fill.fee.isZero()) return false;
    const pair = tradingPair(fill.symbol);
    const currency = fill.feeCurrency.toUpperCase();
    const usd = new Set(this.usdCurrencies.map((name) => name.toUpperCase()));
    // Only a USD-quoted fill has a USD value to add its fee to; others are flagged by the ledger anyway.
    return usd.has(pair.quote) && currency !== pair.base && currency !== pair.quote && !usd.has(currency);
  }

  /** The close of `asset`'s one-minute candle containing `time`, in the first USD currency listed. */
  async #priceAt(asset: string, time: Date): Promise<Decimal | null> {
    this.#markets ??= this.venue.fetchMarkets();
    const markets = await this.#markets;
    const market = this.usdCurrencies
      .map((usd) => markets.find((item) => item.base === asset && item.quote === usd.toUpperCase()))
      .find((item) => item !== undefined);
    if (market === undefined) return null;
    const minute = Math.floor(time.getTime() / MINUTE_MS) * MINUTE_MS;
    const key = `${market.symbol}@${minute}`;
    if (!this.#closes.has(key)) {
      const candles = await this.venue.fetchCandles(market.symbol, '1m', {
        since: new Date(minute),
        limit: 1,
      });
      const candle = candles.find((item) => item.openTime.getTime() === minute);
      this.#closes.set(key, candle?.close ?? null);
    }
    return this.#closes.get(key) ?? null;
  }
}
