import { dec, TestClock } from '@hookline/core';
import {
  type Candle,
  type CandleQuery,
  type CandleTimeframe,
  defaultPaperMarkets,
  type ExchangePort,
  PaperExchange,
  ScriptedPriceSource,
} from '@hookline/exchange';

/** 2025-01-02 12:00:00 UTC, a minute boundary. */
export const START_MS = Date.UTC(2025, 0, 2, 12, 0, 0);
export const MINUTE = 60_000;

/** One fetchCandles call as the exchange saw it. */
export interface CandleCall {
  readonly symbol: string;
  readonly since: number | undefined;
  readonly limit: number | undefined;
}

/**
 * The real PaperExchange on a TestClock with scripted BTC/USD and ETH/USD quotes: the market moves
 * only when the test says so, and every fetchCandles call is recorded.
 */
export class ScriptedMarket {
  readonly clock = new TestClock(START_MS);
  readonly source = new ScriptedPriceSource();
  readonly exchange = new PaperExchange({
    clock: this.clock,
    priceSource: this.source,
    markets: defaultPaperMarkets,
    wait: async () => undefined,
  });
  readonly calls: CandleCall[] = [];

  /** Moves the clock to `START_MS + atMs` and, unless `mid` is null, quotes every symbol there. */
  at(atMs: number, mid: string | null = '60000', symbols = ['BTC/USD']): void {
    this.clock.set(START_MS + atMs);
    if (mid !== null) {
      for (const symbol of symbols) {
        this.source.push({
          symbol,
          timeMs: this.clock.nowMs(),
          bid: dec(mid).minus('0.5'),
          ask: dec(mid).plus('0.5'),
          bidSize: dec('1'),
          askSize: dec('1'),
          volume: dec('2'),
        });
      }
    }
    this.exchange.tick();
  }

  /** Quotes at every 10 s from `fromMs` up to and including `untilMs`, the mid rising by 1 a quote. */
  walk(fromMs: number, untilMs: number, startMid = 60_000, symbols = ['BTC/USD']): void {
    for (let atMs = fromMs, mid = startMid; atMs <= untilMs; atMs += 10_000, mid += 1) {
      this.at(atMs, String(mid), symbols);
    }
  }

  /** The port sighook's feed uses: the paper exchange's fetchCandles, recorded, optionally rewritten. */
  port(rewrite?: (candles: readonly Candle[], call: CandleCall) => readonly Candle[]) {
    return {
      fetchCandles: async (
        symbol: string,
        timeframe: CandleTimeframe,
        query?: CandleQuery,
      ): Promise<readonly Candle[]> => {
        const call = { symbol, since: query?.since?.getTime(), limit: query?.limit };
        this.calls.push(call);
        const candles = await this.exchange.fetchCandles(symbol, timeframe, query);
        return rewrite === undefined ? candles : rewrite(candles, call);
      },
    } satisfies Pick<ExchangePort, 'fetchCandles'>;
  }
}

/** Open times of candles, as minutes after START_MS. */
export function minutesOf(candles: readonly Candle[]): number[] {
  return candles.map((candle) => (candle.openTime.getTime() - START_MS) / MINUTE);
}
