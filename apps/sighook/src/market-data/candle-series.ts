import type { Candle } from '@hookline/exchange';

/**
 * The closed candles kept for one (symbol, timeframe), oldest first, at most `capacity` of them
 * (memory stays bounded however long the process runs), plus the open times the exchange was asked
 * for and had nothing: those are known-missing and never asked for again.
 */
export class CandleSeries {
  readonly #capacity: number;
  #candles: Candle[] = [];
  readonly #knownMissing = new Set<number>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** The kept candles, oldest first. */
  candles(): readonly Candle[] {
    return this.#candles;
  }

  /** The newest kept candle. */
  last(): Candle | undefined {
    return this.#candles.at(-1);
  }

  /**
   * Adds candles newer than the newest kept one (an older or repeated open time is ignored: a candle
   * is used once, in order) and returns those added, oldest first.
   */
  append(candles: readonly Candle[]): Candle[] {
    const added: Candle[] = [];
    for (const candle of candles) {
      const lastMs = this.last()?.openTime.getTime() ?? Number.NEGATIVE_INFINITY;
      if (candle.openTime.getTime() <= lastMs) continue;
      this.#candles.push(candle);
      added.push(candle);
    }
    this.#trim();
    return added;
  }

  /** Forgets every candle (a restart of the series after a gap longer than it holds). */
  clear(): void {
    this.#candles = [];
    this.#knownMissing.clear();
  }

  /** Records that the exchange has no candle at this open time. */
  markMissing(openMs: number): void {
    this.#knownMissing.add(openMs);
  }

  /** Whether the open time was asked for before and found missing. */
  isKnownMissing(openMs: number): boolean {
    return this.#knownMissing.has(openMs);
  }

  /** Known-missing open times still inside the kept window, oldest first. */
  knownMissing(): number[] {
    return [...this.#knownMissing].sort((a, b) => a - b);
  }

  #trim(): void {
    const excess = this.#candles.length - this.#capacity;
    if (excess > 0) this.#candles.splice(0, excess);
    const oldestMs = this.#candles[0]?.openTime.getTime();
    if (oldestMs === undefined) return;
    for (const openMs of this.#knownMissing) if (openMs < oldestMs) this.#knownMissing.delete(openMs);
  }
}
