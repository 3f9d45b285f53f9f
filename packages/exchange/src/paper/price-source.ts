import type { Decimal } from '@hookline/core';

/** One state of a simulated market's top of book, at a time on the paper exchange's clock. */
export interface MarketQuote {
  readonly symbol: string;
  readonly timeMs: number;
  readonly bid: Decimal;
  readonly ask: Decimal;
  /** Size of each bid level (the book repeats it over its depth). */
  readonly bidSize: Decimal;
  /** Size of each ask level. */
  readonly askSize: Decimal;
  /** Base volume traded by the rest of the market since the previous quote (for candles). */
  readonly volume: Decimal;
}

/** A JSON value, for the state a price source saves in a snapshot. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/**
 * Where the paper exchange's prices come from: a seeded random walk, a replayed file, or a script.
 * The exchange pulls; a source never reads a clock itself, so the same calls give the same quotes.
 */
export interface PriceSource {
  /** Every quote with a time up to `untilMs` not returned before, in time order (ties: symbol order). */
  advance(untilMs: number): MarketQuote[];
  /** What to save so that `restoreState` continues exactly here after a restart. */
  saveState(): JsonValue;
  /** Continues from a state saved by the same kind of source over the same inputs. */
  restoreState(state: JsonValue): void;
}
