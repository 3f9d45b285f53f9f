// Downloads one market's closed candles into its file, page by page, from where the file ends.
import type { CandleTimeframe, ExchangePort } from '@hookline/exchange';
import { candleTimeframeMs } from '@hookline/exchange';
import { appendCandles, lastCandleTime } from './candle-file.js';

/** Candles the venue did not return inside the range: listed, never invented. */
export interface CandleGap {
  readonly fromMs: number;
  readonly toMs: number;
  readonly count: number;
}

/** What one market's download did (also when it stopped on an error: what was written stays). */
export interface SymbolDownload {
  readonly written: number;
  /** The open time of the file's last candle before this run, if it had one. */
  readonly resumedAfterMs: number | undefined;
  readonly firstMs: number | undefined;
  readonly lastMs: number | undefined;
  readonly gaps: readonly CandleGap[];
  readonly error?: unknown;
}

export interface SymbolDownloadRequest {
  readonly symbol: string;
  readonly timeframe: CandleTimeframe;
  readonly sinceMs: number;
  /** Candles opening before this; undefined: up to now. */
  readonly untilMs: number | undefined;
  readonly file: string;
  /** The venue's largest page (candles per request). */
  readonly pageLimit: number;
  readonly nowMs: number;
}

/**
 * Pages through [start, end): start is the candle after the file's last (else --since on the
 * timeframe's grid), end is --until or the open of the still-forming candle, which is never written.
 * Each page is appended only once it is complete, so an error keeps every earlier page and the next
 * run continues after it. Requests pass the exchange's market data budget (the venue's rate limit).
 */
export async function downloadSymbol(
  exchange: ExchangePort,
  request: SymbolDownloadRequest,
): Promise<SymbolDownload> {
  const step = candleTimeframeMs[request.timeframe];
  const resumedAfterMs = lastCandleTime(request.file);
  const start =
    resumedAfterMs === undefined ? Math.ceil(request.sinceMs / step) * step : resumedAfterMs + step;
  const forming = Math.floor(request.nowMs / step) * step;
  const end = Math.min(request.untilMs ?? forming, forming);
  const gaps: CandleGap[] = [];
  let written = 0;
  let firstMs: number | undefined;
  let lastMs: number | undefined;
  const result = (error?: unknown): SymbolDownload => ({
    written,
    resumedAfterMs,
    firstMs,
    lastMs,
    gaps,
    ...(error === undefined ? {} : { error }),
  });
  for (let cursor = start; cursor < end; ) {
    const windowEnd = Math.min(cursor + request.pageLimit * step, end);
    let page: Awaited<ReturnType<ExchangePort['fetchCandles']>>;
    try {
      page = await exchange.fetchCandles(request.symbol, request.timeframe, {
        since: new Date(cursor),
        limit: request.pageLimit,
      });
    } catch (error) {
      return result(error);
    }
    const byTime = new Map(
      page
        .filter((candle) => {
          const time = candle.openTime.getTime();
          return time >= cursor && time < windowEnd && time % step === 0;
        })
        .map((candle) => [candle.openTime.getTime(), candle]),
    );
    const candles = [...byTime.values()].sort((a, b) => a.openTime.getTime() - b.openTime.getTime());
    for (let time = cursor; time < windowEnd; time += step) {
      if (!byTime.has(time)) addMissing(gaps, time, step);
    }
    appendCandles(request.file, candles);
    written += candles.length;
    firstMs ??= candles[0]?.openTime.getTime();
    lastMs = candles.at(-1)?.openTime.getTime() ?? lastMs;
    cursor = windowEnd;
  }
  return result();
}

/** Adds one missing candle, extending the last gap when it follows on. */
function addMissing(gaps: CandleGap[], time: number, step: number): void {
  const last = gaps.at(-1);
  if (last !== undefined && last.toMs + step === time) {
    gaps[gaps.length - 1] = { fromMs: last.fromMs, toMs: time, count: last.count + 1 };
  } else {
    gaps.push({ fromMs: time, toMs: time, count: 1 });
  }
}
