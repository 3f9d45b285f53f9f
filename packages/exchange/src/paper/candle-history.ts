import { type Decimal, dec, toPlainString } from '@hookline/core';
import type { Candle } from '../port/market.js';

const minuteMs = 60_000;

interface MinuteCandle {
  readonly startMs: number;
  open: Decimal;
  high: Decimal;
  low: Decimal;
  close: Decimal;
  volume: Decimal;
}

/** A saved minute candle: start time and OHLCV as decimal strings. */
export type SavedCandle = readonly [number, string, string, string, string, string];

/**
 * One-minute candles built from the paper market's mid prices and volume, kept for the last
 * `limit` minutes per symbol; longer timeframes are aggregated on demand.
 */
export class CandleHistory {
  readonly #bySymbol = new Map<string, MinuteCandle[]>();
  readonly #limit: number;

  constructor(limit = 10_000) {
    this.#limit = limit;
  }

  /** Records a price (and the volume traded since the last one) at a time. */
  record(symbol: string, timeMs: number, price: Decimal, volume: Decimal): void {
    const candles = this.#candles(symbol);
    const startMs = Math.floor(timeMs / minuteMs) * minuteMs;
    const last = candles.at(-1);
    if (last === undefined || last.startMs < startMs) {
      candles.push({ startMs, open: price, high: price, low: price, close: price, volume });
      if (candles.length > this.#limit) candles.splice(0, candles.length - this.#limit);
      return;
    }
    // A quote older than the current minute (a replay file out of step) only adds volume.
    last.volume = last.volume.plus(volume);
    if (last.startMs > startMs) return;
    if (price.greaterThan(last.high)) last.high = price;
    if (price.lessThan(last.low)) last.low = price;
    last.close = price;
  }

  /** Adds traded volume (our own fills) to the minute containing the time, if it exists. */
  addVolume(symbol: string, timeMs: number, volume: Decimal): void {
    const last = this.#bySymbol.get(symbol)?.at(-1);
    if (last !== undefined && last.startMs <= timeMs) last.volume = last.volume.plus(volume);
  }

  /** Candles of `timeframeMs`, oldest first: from `sinceMs` on, or the most recent `limit`. */
  query(symbol: string, timeframeMs: number, sinceMs: number | undefined, limit: number): Candle[] {
    const aggregated: Candle[] = [];
    let current:
      | { openTime: number; open: Decimal; high: Decimal; low: Decimal; close: Decimal; volume: Decimal }
      | undefined;
    for (const minute of this.#bySymbol.get(symbol) ?? []) {
      const openTime = Math.floor(minute.startMs / timeframeMs) * timeframeMs;
      if (current === undefined || current.openTime !== openTime) {
        if (current !== undefined) aggregated.push(toCandle(current));
        current = {
          openTime,
          open: minute.open,
          high: minute.high,
          low: minute.low,
          close: minute.close,
          volume: minute.volume,
        };
        continue;
      }
      if (minute.high.greaterThan(current.high)) current.high = minute.high;
      if (minute.low.lessThan(current.low)) current.low = minute.low;
      current.close = minute.close;
      current.volume = current.volume.plus(minute.volume);
    }
    if (current !== undefined) aggregated.push(toCandle(current));
    if (sinceMs !== undefined)
      return aggregated.filter((candle) => candle.openTime.getTime() >= sinceMs).slice(0, limit);
    return aggregated.slice(-limit);
  }

  /**
   * The change in percent from the last price recorded at or before `windowMs` ago to `price`;
   * undefined while the history does not reach back that far (a young paper market).
   */
  changeSince(symbol: string, timeMs: number, windowMs: number, price: Decimal): Decimal | undefined {
    const cutoffMs = timeMs - windowMs;
    const candles = this.#bySymbol.get(symbol) ?? [];
    let reference: Decimal | undefined;
    for (const minute of candles) {
      if (minute.startMs > cutoffMs) break;
      reference = minute.close;
    }
    if (reference === undefined || !reference.greaterThan(0)) return undefined;
    return price.minus(reference).dividedBy(reference).times(100);
  }

  /** Every minute candle, to save. */
  save(): Record<string, SavedCandle[]> {
    return Object.fromEntries(
      [...this.#bySymbol].map(([symbol, candles]) => [
        symbol,
        candles.map(
          (c): SavedCandle => [
            c.startMs,
            toPlainString(c.open),
            toPlainString(c.high),
            toPlainString(c.low),
            toPlainString(c.close),
            toPlainString(c.volume),
          ],
        ),
      ]),
    );
  }

  /** Replaces the history with saved candles. */
  restore(saved: Readonly<Record<string, readonly SavedCandle[]>>): void {
    this.#bySymbol.clear();
    for (const [symbol, candles] of Object.entries(saved)) {
      this.#bySymbol.set(
        symbol,
        candles.map(([startMs, open, high, low, close, volume]) => ({
          startMs,
          open: dec(open),
          high: dec(high),
          low: dec(low),
          close: dec(close),
          volume: dec(volume),
        })),
      );
    }
  }

  #candles(symbol: string): MinuteCandle[] {
    let candles = this.#bySymbol.get(symbol);
    if (candles === undefined) {
      candles = [];
      this.#bySymbol.set(symbol, candles);
    }
    return candles;
  }
}

function toCandle(value: {
  openTime: number;
  open: Decimal;
  high: Decimal;
  low: Decimal;
  close: Decimal;
  volume: Decimal;
}): Candle {
  return {
    openTime: new Date(value.openTime),
    open: value.open,
    high: value.high,
    low: value.low,
    close: value.close,
    volume: value.volume,
  };
}
