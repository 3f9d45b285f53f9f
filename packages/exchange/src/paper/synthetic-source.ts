import { type Decimal, dec, HooklineError, quantizeToTick, toPlainString } from '@hookline/core';
import type { PaperMarketSpec } from './paper-market.js';
import type { JsonValue, MarketQuote, PriceSource } from './price-source.js';
import { sizeOnStep, spreadAround } from './quote-shape.js';
import { decimalFromFactor, SeededRandom, type SeededRandomState } from './seeded-random.js';

/** Settings of a synthetic source; the same seed, start and step give the same quotes. */
export interface SyntheticSourceOptions {
  readonly seed: number;
  /** Time of the first quote (the initial prices); later quotes follow every stepMs. */
  readonly startMs: number;
  /** Default 1 000 ms. */
  readonly stepMs?: number;
  /**
   * When the clock has jumped further than this many steps (a restart after a day offline), the
   * walk continues from the last price at the new time instead of simulating every missed step
   * (default 3 600: an hour of one-second steps, about 0.2 s of work for three markets).
   */
  readonly maxCatchUpSteps?: number;
}

/** Seeded random-walk markets: each step moves every mid with drift, volatility and jumps. */
export class SyntheticPriceSource implements PriceSource {
  readonly #specs: readonly PaperMarketSpec[];
  readonly #stepMs: number;
  readonly #maxCatchUpSteps: number;
  #random: SeededRandom;
  #mids: Map<string, Decimal>;
  #nextStepMs: number;
  #started = false;

  constructor(specs: readonly PaperMarketSpec[], options: SyntheticSourceOptions) {
    this.#specs = specs;
    this.#stepMs = options.stepMs ?? 1_000;
    this.#maxCatchUpSteps = options.maxCatchUpSteps ?? 3_600;
    if (!Number.isSafeInteger(this.#stepMs) || this.#stepMs <= 0) {
      throw new HooklineError('INVALID_ARGUMENT', 'stepMs must be a positive integer', {
        context: { stepMs: this.#stepMs },
      });
    }
    this.#random = SeededRandom.fromSeed(options.seed);
    this.#mids = new Map(specs.map((spec) => [spec.market.symbol, spec.walk.initialPrice]));
    this.#nextStepMs = options.startMs;
  }

  advance(untilMs: number): MarketQuote[] {
    const quotes: MarketQuote[] = [];
    const behind = Math.floor((untilMs - this.#nextStepMs) / this.#stepMs);
    if (behind > this.#maxCatchUpSteps) this.#nextStepMs += (behind - this.#maxCatchUpSteps) * this.#stepMs;
    while (this.#nextStepMs <= untilMs) {
      for (const spec of this.#specs) quotes.push(this.#step(spec, this.#nextStepMs));
      this.#started = true;
      this.#nextStepMs += this.#stepMs;
    }
    return quotes;
  }

  saveState(): JsonValue {
    return {
      nextStepMs: this.#nextStepMs,
      started: this.#started,
      random: [...this.#random.state()],
      mids: Object.fromEntries([...this.#mids].map(([symbol, mid]) => [symbol, toPlainString(mid)])),
    };
  }

  restoreState(state: JsonValue): void {
    const saved = state as {
      kind?: unknown;
      nextStepMs?: unknown;
      started?: unknown;
      random?: unknown;
      mids?: unknown;
    };
    // A state file of a run on a venue's real prices: the simulated market starts afresh.
    if (saved.kind === 'venue') return;
    if (
      typeof saved.nextStepMs !== 'number' ||
      !Array.isArray(saved.random) ||
      typeof saved.mids !== 'object'
    ) {
      throw new HooklineError('INVALID_ARGUMENT', 'synthetic source state is malformed');
    }
    this.#nextStepMs = saved.nextStepMs;
    this.#started = saved.started === true;
    this.#random = SeededRandom.fromState(saved.random as unknown as SeededRandomState);
    const mids = saved.mids as Record<string, string>;
    for (const spec of this.#specs) {
      const mid = mids[spec.market.symbol];
      if (mid !== undefined) this.#mids.set(spec.market.symbol, dec(mid));
    }
  }

  #step(spec: PaperMarketSpec, timeMs: number): MarketQuote {
    const { market } = spec;
    const previous = this.#mids.get(market.symbol) ?? spec.walk.initialPrice;
    // Every draw happens on every step, whatever the branch, so the stream of numbers stays aligned.
    const factor = this.#moveFactor(spec);
    const bidJitter = 0.5 + this.#random.uniform();
    const askJitter = 0.5 + this.#random.uniform();
    const volumeShare = this.#random.uniform() * 0.2;
    const moved = this.#started ? previous.times(decimalFromFactor(factor)) : previous;
    const mid = quantizeToTick(moved, market.priceTick, 'nearest');
    const safeMid = mid.greaterThan(0) ? mid : market.priceTick;
    this.#mids.set(market.symbol, safeMid);
    const { bid, ask } = spreadAround(safeMid, spec.spreadBps, market);
    return {
      symbol: market.symbol,
      timeMs,
      bid,
      ask,
      bidSize: sizeOnStep(spec.levelSize.times(decimalFromFactor(bidJitter)), market),
      askSize: sizeOnStep(spec.levelSize.times(decimalFromFactor(askJitter)), market),
      volume: sizeOnStep(spec.levelSize.times(decimalFromFactor(volumeShare)), market),
    };
  }

  // 1 + drift·dt + σ·√dt·z, plus a uniform jump now and then; floored so a price never turns negative.
  #moveFactor(spec: PaperMarketSpec): number {
    const seconds = this.#stepMs / 1_000;
    const shock = spec.walk.volatilityPerSqrtSecond * Math.sqrt(seconds) * this.#random.normal();
    const jumpDraw = this.#random.uniform();
    const jump = (this.#random.uniform() * 2 - 1) * spec.walk.jumpSize;
    const change =
      spec.walk.driftPerSecond * seconds + shock + (jumpDraw < spec.walk.jumpProbabilityPerStep ? jump : 0);
    return Math.max(0.5, 1 + change);
  }
}
