import type { Clock } from '@hookline/core';
import { type Candle, type CandleTimeframe, candleTimeframeMs, type ExchangePort } from '@hookline/exchange';
import type { Logger } from 'pino';
import { fetchCandleRange } from './candle-range.js';
import { CandleSeries } from './candle-series.js';
import { isClosed, missingOpenTimes, openCandleStartMs, uniqueByOpenTime } from './candle-times.js';

/** What a candle feed is built from. */
export interface CandleFeedOptions {
  readonly exchange: Pick<ExchangePort, 'fetchCandles'>;
  readonly symbol: string;
  readonly timeframe: CandleTimeframe;
  /** Candles loaded at start and kept (HOOKLINE_SIGHOOK_HISTORY_CANDLES). */
  readonly capacity: number;
  readonly clock: Clock;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
}

/** What a load or a poll brought. */
export interface CandleUpdate {
  /** True when the series was (re)loaded from history: consumers rebuild their state from it. */
  readonly reloaded: boolean;
  /** The closed candles newly kept, oldest first (each candle appears in exactly one update). */
  readonly added: readonly Candle[];
}

/**
 * The closed candles of one (symbol, timeframe), kept incrementally: load() reads the history, each
 * poll() asks only for the candles after the newest kept one that have closed since. A hole between
 * two received candles is asked for once more; what the exchange still lacks is recorded as
 * known-missing, logged, and never asked for again.
 */
export class CandleFeed {
  readonly symbol: string;
  readonly timeframe: CandleTimeframe;
  readonly #options: CandleFeedOptions;
  readonly #timeframeMs: number;
  readonly #series: CandleSeries;

  constructor(options: CandleFeedOptions) {
    this.#options = options;
    this.symbol = options.symbol;
    this.timeframe = options.timeframe;
    this.#timeframeMs = candleTimeframeMs[options.timeframe];
    this.#series = new CandleSeries(options.capacity);
  }

  /** The kept closed candles, oldest first. */
  candles(): readonly Candle[] {
    return this.#series.candles();
  }

  /** Open times the exchange had no candle for (inside the kept window). */
  knownMissing(): number[] {
    return this.#series.knownMissing();
  }

  /** Cold start: forgets what was kept and loads the last `capacity` closed candles. */
  async load(): Promise<CandleUpdate> {
    this.#series.clear();
    const nowMs = this.#options.clock.nowMs();
    const untilMs = openCandleStartMs(nowMs, this.#timeframeMs);
    const fromMs = untilMs - this.#options.capacity * this.#timeframeMs;
    const fetched = await this.#fetchClosed(fromMs, untilMs, nowMs);
    const firstMs = fetched[0]?.openTime.getTime();
    const complete = firstMs === undefined ? [] : await this.#fillGaps(fetched, firstMs);
    return { reloaded: true, added: this.#series.append(complete) };
  }

  /** The candles closed since the newest kept one (no request at all while none can have closed). */
  async poll(): Promise<CandleUpdate> {
    const last = this.#series.last();
    if (last === undefined) return await this.load();
    const nowMs = this.#options.clock.nowMs();
    const fromMs = last.openTime.getTime() + this.#timeframeMs;
    const untilMs = openCandleStartMs(nowMs, this.#timeframeMs);
    if (untilMs <= fromMs) return { reloaded: false, added: [] };
    const behind = (untilMs - fromMs) / this.#timeframeMs;
    if (behind >= this.#options.capacity) {
      // Catching up candle by candle would fetch more than is kept: start over from the history.
      this.#options.logger.warn(
        { symbol: this.symbol, timeframe: this.timeframe, behind },
        'candle feed fell further behind than it keeps; reloading history',
      );
      return await this.load();
    }
    const fetched = await this.#fetchClosed(fromMs, untilMs, nowMs);
    return { reloaded: false, added: this.#series.append(await this.#fillGaps(fetched, fromMs)) };
  }

  async #fetchClosed(fromMs: number, untilMs: number, nowMs: number): Promise<Candle[]> {
    const { exchange, symbol, timeframe } = this.#options;
    const candles = await fetchCandleRange(exchange, { symbol, timeframe, fromMs, untilMs });
    return candles.filter((candle) => isClosed(candle, nowMs, this.#timeframeMs));
  }

  // Holes between `fromMs` and the newest received candle are real gaps (a hole after it may only be
  // a candle the venue has not published yet: the next poll asks for it again).
  async #fillGaps(candles: readonly Candle[], fromMs: number): Promise<Candle[]> {
    const newestMs = candles.at(-1)?.openTime.getTime();
    if (newestMs === undefined) return [...candles];
    const gaps = missingOpenTimes(candles, fromMs, newestMs, this.#timeframeMs).filter(
      (openMs) => !this.#series.isKnownMissing(openMs),
    );
    const firstGap = gaps[0];
    const lastGap = gaps.at(-1);
    if (firstGap === undefined || lastGap === undefined) return [...candles];
    const nowMs = this.#options.clock.nowMs();
    const wanted = new Set(gaps);
    const refetched = await this.#fetchClosed(firstGap, lastGap + this.#timeframeMs, nowMs);
    const found = refetched.filter((candle) => wanted.has(candle.openTime.getTime()));
    for (const candle of found) wanted.delete(candle.openTime.getTime());
    this.#recordMissing([...wanted], found.length);
    return uniqueByOpenTime([...candles, ...found]);
  }

  #recordMissing(missing: readonly number[], filled: number): void {
    const context = { symbol: this.symbol, timeframe: this.timeframe, filled, missing: missing.length };
    for (const openMs of missing) this.#series.markMissing(openMs);
    const first = missing[0];
    if (first !== undefined) {
      const from = new Date(first).toISOString();
      const to = new Date(missing.at(-1) ?? first).toISOString();
      this.#options.logger.warn(
        { ...context, from, to },
        'the exchange has no candles for part of a gap; continuing without them',
      );
    } else if (filled > 0) {
      this.#options.logger.info(context, 'candle gap filled');
    }
  }
}
