// Candle arithmetic on open times (milliseconds, aligned to the timeframe from the Unix epoch, as
// every venue and the paper exchange align them; a day starts at 00:00 UTC).
import type { Candle } from '@hookline/exchange';

/** The open time of the candle still forming at `nowMs`: every candle before it is closed. */
export function openCandleStartMs(nowMs: number, timeframeMs: number): number {
  return Math.floor(nowMs / timeframeMs) * timeframeMs;
}

/** A candle is closed once its interval has ended (close time ≤ now); an open one still changes. */
export function isClosed(candle: Candle, nowMs: number, timeframeMs: number): boolean {
  return candle.openTime.getTime() + timeframeMs <= nowMs;
}

/** Candles by open time, oldest first, one per open time (a later copy replaces an earlier one). */
export function uniqueByOpenTime(candles: readonly Candle[]): Candle[] {
  const byOpen = new Map<number, Candle>();
  for (const candle of candles) byOpen.set(candle.openTime.getTime(), candle);
  return [...byOpen.values()].sort((a, b) => a.openTime.getTime() - b.openTime.getTime());
}

/** The open times in [fromMs, untilMs) that none of `candles` has, oldest first. */
export function missingOpenTimes(
  candles: readonly Candle[],
  fromMs: number,
  untilMs: number,
  timeframeMs: number,
): number[] {
  const present = new Set(candles.map((candle) => candle.openTime.getTime()));
  const missing: number[] = [];
  for (let openMs = fromMs; openMs < untilMs; openMs += timeframeMs) {
    if (!present.has(openMs)) missing.push(openMs);
  }
  return missing;
}
