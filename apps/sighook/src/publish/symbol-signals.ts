import type { Clock } from '@hookline/core';
import type { Candle } from '@hookline/exchange';
import type { MatrixRow } from '@hookline/schemas';
import { IndicatorSet } from '../indicators/indicator-set.js';
import type { CandleFeed, CandleUpdate } from '../market-data/candle-feed.js';
import { computeMatrixRow } from '../matrix/matrix-row.js';
import type { MatrixSettings } from '../matrix/matrix-settings.js';

/** A matrix row and the closed candle it was computed on. */
export interface ComputedRow {
  readonly row: MatrixRow;
  readonly candle: Candle;
}

/**
 * One symbol's way from candles to matrix rows: the candle feed and the incremental indicators kept
 * in step. Every closed candle is fed to the indicators once, in order; each new one gives a row.
 */
export class SymbolSignals {
  readonly #feed: CandleFeed;
  readonly #settings: MatrixSettings;
  readonly #clock: Clock;
  #indicators: IndicatorSet | undefined;

  constructor(feed: CandleFeed, settings: MatrixSettings, clock: Clock) {
    this.#feed = feed;
    this.#settings = settings;
    this.#clock = clock;
  }

  /** The symbol. */
  get symbol(): string {
    return this.#feed.symbol;
  }

  /** Cold start: loads the history, warms the indicators up on it, and gives the row of its last candle. */
  async start(): Promise<ComputedRow[]> {
    return this.#apply(await this.#feed.load());
  }

  /** The rows of the candles closed since the last poll, oldest first (none while none closed). */
  async poll(): Promise<ComputedRow[]> {
    // A symbol whose start failed (exchange down) starts on its next poll.
    if (this.#indicators === undefined) return await this.start();
    return this.#apply(await this.#feed.poll());
  }

  #apply(update: CandleUpdate): ComputedRow[] {
    const computedAtMs = this.#clock.nowMs();
    if (update.reloaded || this.#indicators === undefined) {
      this.#indicators = IndicatorSet.fromHistory(update.added, this.#settings.periods);
      const last = update.added.at(-1);
      return last === undefined ? [] : [this.#row(last, computedAtMs)];
    }
    const indicators = this.#indicators;
    return update.added.map((candle) => {
      indicators.update(candle);
      return this.#row(candle, computedAtMs);
    });
  }

  #row(candle: Candle, computedAtMs: number): ComputedRow {
    const indicators = this.#indicators as IndicatorSet;
    const row = computeMatrixRow(
      this.symbol,
      this.#feed.timeframe,
      indicators.snapshot(),
      this.#settings,
      computedAtMs,
    );
    return { row, candle };
  }
}
