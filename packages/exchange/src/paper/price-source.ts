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
  /** The venue's own 24 h change in percent, when the quote comes from a real venue's ticker. */
  readonly change24hPct?: Decimal | undefined;
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
 * Where the paper exchange's prices come from: a seeded random walk, a replayed file, a script, or a
 * real venue's public market data. The exchange pulls; the offline sources never read a clock
 * themselves, so the same calls give the same quotes.
 */
export interface PriceSource {
  /** Every quote with a time up to `untilMs` not returned before, in time order (ties: symbol order). */
  advance(untilMs: number): MarketQuote[];
  /** What to save so that `restoreState` continues exactly here after a restart. */
  saveState(): JsonValue;
  /** Continues from a state saved by the same kind of source over the same inputs. */
  restoreState(state: JsonValue): void;
  /**
   * Only a source that follows a real venue has it: reads the venue's latest quotes so that the next
   * `advance` returns them. The paper exchange awaits it before it matches an order (after the
   * order's latency) and on every tick of a running process. Books saved by an earlier process are
   * dropped at restore when a source has it: yesterday's prices are not today's market.
   */
  refresh?(): Promise<void>;
}
