import { type Decimal, dec, min, quantizeToTick, ZERO } from '@hookline/core';

const basisPoint = dec('0.0001');

import type { Market } from '../port/market.js';
import type { OrderSide } from '../port/order.js';
import type { MarketQuote } from './price-source.js';

/** A price level of the simulated book and the size still offered there. */
export interface BookLevel {
  readonly price: Decimal;
  remaining: Decimal;
}

/** Part of an order executed against one level. */
export interface BookSlice {
  readonly price: Decimal;
  readonly amount: Decimal;
}

/** How deep the simulated book is: levels per side and the distance between them. */
export interface BookShape {
  readonly depth: number;
  /** Distance between levels in basis points of the best price (at least one tick). */
  readonly levelSpacingBps: Decimal;
  /**
   * Our orders take at most this share (0 < share ≤ 1) of each quote's market volume, over all our
   * orders of the market: an order larger than that fills partly now and the rest on later quotes.
   * Undefined: only the levels limit a fill (a quote without volume then still trades).
   */
  readonly maxVolumeShare?: Decimal | undefined;
}

/**
 * The book around one quote: `depth` levels a side, each offering the quote's size. Liquidity taken
 * by our orders stays taken until the next quote replaces the book, so an order larger than a
 * level fills partially now and the rest on later quotes. With `maxVolumeShare`, what all our
 * orders take from one quote is also capped at that share of the quote's volume.
 */
export class SimulatedBook {
  readonly quote: MarketQuote;
  readonly #market: Market;
  readonly #shape: BookShape;
  #asks: BookLevel[] | undefined;
  #bids: BookLevel[] | undefined;
  /** What our orders may still take from this quote under the volume cap (undefined: no cap). */
  #allowance: Decimal | undefined;

  constructor(quote: MarketQuote, market: Market, shape: BookShape) {
    this.quote = quote;
    this.#market = market;
    this.#shape = shape;
    // On the amount step, as a venue's fills are.
    this.#allowance =
      shape.maxVolumeShare === undefined
        ? undefined
        : quantizeToTick(shape.maxVolumeShare.times(quote.volume), market.amountStep, 'down');
  }

  /** Ask levels, cheapest first; built on first use, since most quotes are never traded against. */
  get asks(): BookLevel[] {
    this.#asks ??= buildLevels(this.quote.ask, this.quote.askSize, this.#market.priceTick, this.#shape, 1);
    return this.#asks;
  }

  /** Bid levels, highest first. */
  get bids(): BookLevel[] {
    this.#bids ??= buildLevels(this.quote.bid, this.quote.bidSize, this.#market.priceTick, this.#shape, -1);
    return this.#bids;
  }

  /** The book with the levels' remaining sizes restored (from a snapshot). */
  static withRemaining(
    quote: MarketQuote,
    market: Market,
    shape: BookShape,
    remaining: BookRemaining,
  ): SimulatedBook {
    const book = new SimulatedBook(quote, market, shape);
    book.asks.forEach((level, index) => {
      level.remaining = remaining.asks[index] ?? level.remaining;
    });
    book.bids.forEach((level, index) => {
      level.remaining = remaining.bids[index] ?? level.remaining;
    });
    if (book.#allowance !== undefined && remaining.allowance !== undefined)
      book.#allowance = remaining.allowance;
    return book;
  }

  /** The remaining size per level (and under the volume cap), to save. */
  remaining(): BookRemaining {
    return {
      asks: this.asks.map((level) => level.remaining),
      bids: this.bids.map((level) => level.remaining),
      ...(this.#allowance === undefined ? {} : { allowance: this.#allowance }),
    };
  }

  /**
   * Takes up to `amount` for an order on `side` (a buy takes asks, cheapest first) at prices no
   * worse than `limit` (none for a market order), and no more than the volume cap leaves. A buy with
   * a `budget` (quote, before fees) takes no more than it pays. Mutates the book unless `dryRun`.
   */
  take(
    side: OrderSide,
    amount: Decimal,
    limit: Decimal | undefined,
    dryRun = false,
    budget?: Decimal,
  ): BookSlice[] {
    const levels = side === 'buy' ? this.asks : this.bids;
    const slices: BookSlice[] = [];
    const capped = this.#allowance === undefined ? amount : min(amount, this.#allowance);
    let wanted = capped;
    for (const level of levels) {
      if (!wanted.greaterThan(0)) break;
      if (
        limit !== undefined &&
        (side === 'buy' ? level.price.greaterThan(limit) : level.price.lessThan(limit))
      )
        break;
      let taken = wanted.lessThan(level.remaining) ? wanted : level.remaining;
      if (budget !== undefined) {
        const affordable = quantizeToTick(budget.dividedBy(level.price), this.#market.amountStep, 'down');
        taken = min(taken, affordable);
        if (!taken.greaterThan(0)) break;
        budget = budget.minus(taken.times(level.price));
      }
      if (!taken.greaterThan(0)) continue;
      slices.push({ price: level.price, amount: taken });
      wanted = wanted.minus(taken);
      if (!dryRun) level.remaining = level.remaining.minus(taken);
    }
    if (!dryRun && this.#allowance !== undefined)
      this.#allowance = this.#allowance.minus(capped.minus(wanted));
    return slices;
  }

  /** True when a limit order at this price would take liquidity now (what post-only refuses). */
  wouldCross(side: OrderSide, price: Decimal): boolean {
    return side === 'buy'
      ? price.greaterThanOrEqualTo(this.quote.ask)
      : price.lessThanOrEqualTo(this.quote.bid);
  }
}

/** Remaining size per level, best first, and what the volume cap still allows (when there is one). */
export interface BookRemaining {
  readonly asks: readonly Decimal[];
  readonly bids: readonly Decimal[];
  readonly allowance?: Decimal;
}

// Levels move away from the best price by the spacing, rounded outward to the tick, at least a tick apart.
function buildLevels(
  best: Decimal,
  size: Decimal,
  tick: Decimal,
  shape: BookShape,
  direction: 1 | -1,
): BookLevel[] {
  const levels: BookLevel[] = [];
  let previous: Decimal | undefined;
  for (let index = 0; index < shape.depth; index += 1) {
    const offset = best.times(shape.levelSpacingBps).times(index).times(basisPoint);
    let price = quantizeToTick(
      direction === 1 ? best.plus(offset) : best.minus(offset),
      tick,
      direction === 1 ? 'up' : 'down',
    );
    const outward =
      previous === undefined || (direction === 1 ? price.greaterThan(previous) : price.lessThan(previous));
    if (previous !== undefined && !outward) {
      price = direction === 1 ? previous.plus(tick) : previous.minus(tick);
    }
    if (!price.greaterThan(ZERO)) break;
    levels.push({ price, remaining: size });
    previous = price;
  }
  return levels;
}
