import { type Candle, type CandleTimeframe, candleTimeframeMs, type ExchangePort } from '@hookline/exchange';
import { uniqueByOpenTime } from './candle-times.js';

/**
 * The most candles one request asks for. Coinbase answers at most 300 per request; asking for more
 * would silently return a truncated page on that venue.
 */
export const CANDLES_PER_REQUEST = 300;

/** Which candles to fetch: open times in [fromMs, untilMs). */
export interface CandleRange {
  readonly symbol: string;
  readonly timeframe: CandleTimeframe;
  readonly fromMs: number;
  readonly untilMs: number;
}

/**
 * Every candle the exchange has with an open time in the range, oldest first, in pages of at most
 * CANDLES_PER_REQUEST walking forward with `since`. A page the venue leaves empty (no trades in that
 * window) moves the cursor past the window; the number of requests is bounded by the range's length.
 */
export async function fetchCandleRange(
  exchange: Pick<ExchangePort, 'fetchCandles'>,
  range: CandleRange,
): Promise<Candle[]> {
  const timeframeMs = candleTimeframeMs[range.timeframe];
  const span = Math.ceil((range.untilMs - range.fromMs) / timeframeMs);
  const maxRequests = Math.ceil(span / CANDLES_PER_REQUEST) + 1;
  const collected: Candle[] = [];
  let cursorMs = range.fromMs;
  for (let request = 0; request < maxRequests && cursorMs < range.untilMs; request += 1) {
    const limit = Math.min(CANDLES_PER_REQUEST, Math.ceil((range.untilMs - cursorMs) / timeframeMs));
    const page = await exchange.fetchCandles(range.symbol, range.timeframe, {
      since: new Date(cursorMs),
      limit,
    });
    const inRange = page.filter((candle) => {
      const openMs = candle.openTime.getTime();
      return openMs >= cursorMs && openMs < range.untilMs;
    });
    collected.push(...inRange);
    const lastMs = Math.max(...inRange.map((candle) => candle.openTime.getTime()));
    cursorMs = inRange.length === 0 ? cursorMs + limit * timeframeMs : lastMs + timeframeMs;
  }
  return uniqueByOpenTime(collected);
}
