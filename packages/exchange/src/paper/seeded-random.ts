import { type Decimal, dec, HooklineError } from '@hookline/core';

/** The four 32-bit words of the generator, kept in snapshots so a restored market continues the same path. */
export type SeededRandomState = readonly [number, number, number, number];

/**
 * A small seeded generator (sfc32, from PractRand), so paper markets repeat exactly for a seed.
 * Only 32-bit integer arithmetic: the same sequence on every platform, unlike Math.random.
 */
export class SeededRandom {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  private constructor(state: SeededRandomState) {
    [this.#a, this.#b, this.#c, this.#d] = state;
  }

  /** A generator for the seed (any safe integer). */
  static fromSeed(seed: number): SeededRandom {
    if (!Number.isSafeInteger(seed)) {
      throw new HooklineError('INVALID_ARGUMENT', 'a seed must be a safe integer', { context: { seed } });
    }
    // splitmix32 spreads nearby seeds apart; then discard a few outputs as sfc32's authors advise.
    let mixed = (seed ^ Math.floor(seed / 2 ** 32)) >>> 0;
    const next = (): number => {
      mixed = (mixed + 0x9e3779b9) >>> 0;
      let z = mixed;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    const random = new SeededRandom([next(), next(), next(), next()]);
    for (let index = 0; index < 12; index += 1) random.nextUint32();
    return random;
  }

  /** A generator that continues from a saved state. */
  static fromState(state: SeededRandomState): SeededRandom {
    if (
      state.length !== 4 ||
      state.some((word) => !Number.isInteger(word) || word < 0 || word > 0xffffffff)
    ) {
      throw new HooklineError('INVALID_ARGUMENT', 'a random state is four unsigned 32-bit integers');
    }
    return new SeededRandom(state);
  }

  /** The state to save. */
  state(): SeededRandomState {
    return [this.#a >>> 0, this.#b >>> 0, this.#c >>> 0, this.#d >>> 0];
  }

  /** The next unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.nextUint32() / 2 ** 32;
  }

  /**
   * Approximately standard normal: the sum of twelve uniforms minus six (Irwin–Hall). Only additions,
   * so it is bit-identical everywhere, where Box–Muller's log and cos may differ between engines;
   * its tails stop at ±6, and jumps model the fat tails instead.
   */
  normal(): number {
    let total = 0;
    for (let index = 0; index < 12; index += 1) total += this.uniform();
    return total - 6;
  }
}

/**
 * A Decimal from a random factor (not money), written with fixed digits so the conversion is exact
 * and the same everywhere. Prices are then computed and quantized in Decimal.
 */
export function decimalFromFactor(value: number, digits = 12): Decimal {
  return dec(value.toFixed(digits));
}
