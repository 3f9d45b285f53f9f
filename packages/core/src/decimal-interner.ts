// Parses decimal text once per distinct text. A reader that parses the same thousands of numbers on
// every tick (the sentinel's protective stops, every few seconds) keeps what it parsed instead of
// building each Decimal again. Decimals are immutable, so one instance serves every reader. Bounded:
// past `limit` distinct texts it starts over, so a stream of new numbers cannot grow it without end.
import { type Decimal, dec } from './decimal.js';

/** Text → Decimal, parsed once (dec's rules and errors); at most `limit` texts kept. */
export class DecimalInterner {
  readonly #parsed = new Map<string, Decimal>();
  readonly #limit: number;

  constructor(limit = 100_000) {
    this.#limit = limit;
  }

  /** The Decimal of `text`, as dec(text) would give it; invalid text throws and is not kept. */
  of(text: string): Decimal {
    let value = this.#parsed.get(text);
    if (value === undefined) {
      value = dec(text);
      if (this.#parsed.size >= this.#limit) this.#parsed.clear();
      this.#parsed.set(text, value);
    }
    return value;
  }

  /** How many texts are kept now. */
  get size(): number {
    return this.#parsed.size;
  }
}
