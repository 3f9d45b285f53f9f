import { type Decimal, HooklineError, ZERO } from '@hookline/core';
import { SymbolResolver } from '../symbols.js';
import type { PaperMarketSpec } from './paper-market.js';
import type { JsonValue, MarketQuote, PriceSource } from './price-source.js';
import { spreadAround } from './quote-shape.js';
import { type CandleRow, parseCandleCsv, parseTickCsv } from './replay-files.js';

/** Replays recorded quotes in time order; its saved state is how far it got. */
export class ReplayPriceSource implements PriceSource {
  readonly #quotes: readonly MarketQuote[];
  #next = 0;

  /** Quotes from any number of files; sorted by time, keeping file order on ties. */
  constructor(quotes: readonly MarketQuote[]) {
    this.#quotes = [...quotes].sort((a, b) => a.timeMs - b.timeMs);
  }

  advance(untilMs: number): MarketQuote[] {
    const start = this.#next;
    while (this.#next < this.#quotes.length && (this.#quotes[this.#next]?.timeMs ?? Infinity) <= untilMs) {
      this.#next += 1;
    }
    return this.#quotes.slice(start, this.#next);
  }

  /** True when every quote has been replayed. */
  get finished(): boolean {
    return this.#next >= this.#quotes.length;
  }

  saveState(): JsonValue {
    return { next: this.#next, total: this.#quotes.length };
  }

  restoreState(state: JsonValue): void {
    const saved = state as { next?: unknown; total?: unknown };
    if (typeof saved.next !== 'number' || saved.total !== this.#quotes.length) {
      throw new HooklineError('INVALID_ARGUMENT', 'the replay state was saved over different files', {
        context: { savedTotal: String(saved.total), total: this.#quotes.length },
      });
    }
    this.#next = saved.next;
  }
}

/**
 * Quotes along each candle of a candle file, at its open time and each quarter of its interval:
 * open → low → high → close for an up candle (close ≥ open), open → high → low → close for a down
 * one (the usual backtest convention: the move against the candle comes first). The path is the
 * mid price; bid and ask sit half the market's spread around it, so a buy limit at exactly the low
 * does not fill, as a touch is not a fill. Volume is split evenly over the four points.
 */
export function candleFileQuotes(csv: string, spec: PaperMarketSpec, intervalMs?: number): MarketQuote[] {
  const rows = parseCandleCsv(csv);
  return candleQuotes(rows, spec, intervalMs ?? inferInterval(rows), 'candle-direction');
}

/**
 * The order of a candle's four points. `candle-direction`: against the candle first (above).
 * `low-first`: open → low → high → close for every candle, the worst case for a long position's
 * stops (the low is met before the high can raise a trailing stop): what a backtest uses.
 */
export type CandlePath = 'candle-direction' | 'low-first';

/** Quotes along parsed candles at their open time and each quarter of `interval`. */
export function candleQuotes(
  rows: readonly CandleRow[],
  spec: PaperMarketSpec,
  interval: number,
  order: CandlePath,
): MarketQuote[] {
  return rows.flatMap((row) => {
    const path =
      order === 'low-first' || row.close.greaterThanOrEqualTo(row.open)
        ? [row.open, row.low, row.high, row.close]
        : [row.open, row.high, row.low, row.close];
    const quarterVolume = row.volume.dividedBy(4);
    return path.map((mid, index) =>
      pathQuote(
        spec,
        row.timeMs + Math.floor((index * interval) / 4),
        mid,
        index < 3 ? quarterVolume : row.volume.minus(quarterVolume.times(3)),
      ),
    );
  });
}

/** Quotes from a tick file (`time,symbol,bid,ask`); each level offers the market's level size. */
export function tickFileQuotes(csv: string, specs: readonly PaperMarketSpec[]): MarketQuote[] {
  const resolver = new SymbolResolver(specs.map((spec) => spec.market));
  const bySymbol = new Map(specs.map((spec) => [spec.market.symbol, spec]));
  return parseTickCsv(csv).map((row) => {
    const market = resolver.resolve(row.symbol);
    const levelSize = bySymbol.get(market.symbol)?.levelSize ?? market.minAmount;
    return {
      symbol: market.symbol,
      timeMs: row.timeMs,
      bid: row.bid,
      ask: row.ask,
      bidSize: levelSize,
      askSize: levelSize,
      volume: ZERO,
    };
  });
}

function pathQuote(spec: PaperMarketSpec, timeMs: number, mid: Decimal, volume: Decimal): MarketQuote {
  const { bid, ask } = spreadAround(mid, spec.spreadBps, spec.market);
  return {
    symbol: spec.market.symbol,
    timeMs,
    bid,
    ask,
    bidSize: spec.levelSize,
    askSize: spec.levelSize,
    volume,
  };
}

// The smallest gap between consecutive candles (a gap in the data must not stretch the interval).
function inferInterval(rows: readonly CandleRow[]): number {
  let smallest = Number.POSITIVE_INFINITY;
  for (let index = 1; index < rows.length; index += 1) {
    const gap = (rows[index]?.timeMs ?? 0) - (rows[index - 1]?.timeMs ?? 0);
    if (gap > 0 && gap < smallest) smallest = gap;
  }
  return Number.isFinite(smallest) ? smallest : 60_000;
}
