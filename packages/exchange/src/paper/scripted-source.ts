import { HooklineError } from '@hookline/core';
import type { JsonValue, MarketQuote, PriceSource } from './price-source.js';
import { quoteFromJson, quoteToJson } from './quote-json.js';

/**
 * Quotes pushed by a test or a driver (the conformance suite, the benchmark): the market does
 * exactly what it is told, when the clock reaches each quote's time.
 */
export class ScriptedPriceSource implements PriceSource {
  #pending: MarketQuote[] = [];
  #lastTimeMs = Number.NEGATIVE_INFINITY;

  constructor(initial: readonly MarketQuote[] = []) {
    for (const quote of initial) this.push(quote);
  }

  /** Queues a quote; times must not go backwards, as on a real feed. */
  push(quote: MarketQuote): void {
    if (quote.timeMs < this.#lastTimeMs) {
      throw new HooklineError('INVALID_ARGUMENT', 'scripted quotes must be pushed in time order', {
        context: { symbol: quote.symbol, timeMs: quote.timeMs, lastTimeMs: this.#lastTimeMs },
      });
    }
    this.#lastTimeMs = quote.timeMs;
    this.#pending.push(quote);
  }

  advance(untilMs: number): MarketQuote[] {
    const due = this.#pending.filter((quote) => quote.timeMs <= untilMs);
    this.#pending = this.#pending.filter((quote) => quote.timeMs > untilMs);
    return due;
  }

  saveState(): JsonValue {
    return { pending: this.#pending.map(quoteToJson) };
  }

  restoreState(state: JsonValue): void {
    const pending = (state as { pending?: unknown }).pending;
    if (!Array.isArray(pending)) {
      throw new HooklineError('INVALID_ARGUMENT', 'scripted source state needs a pending list');
    }
    this.#pending = pending.map(quoteFromJson);
    this.#lastTimeMs = this.#pending.at(-1)?.timeMs ?? Number.NEGATIVE_INFINITY;
  }
}
