import { type ExchangeErrorKind, HooklineError } from '@hookline/core';
import type { ExchangeOperation } from '../port/exchange-port.js';

/** A fault the paper exchange can inject into a request. */
export type PaperFault =
  /** The request takes this long on the exchange's clock (the market moves meanwhile). */
  | { readonly type: 'latency'; readonly milliseconds: number }
  /**
   * The caller's request times out and gets UNKNOWN_OUTCOME. With `placed` the venue had already
   * executed it (the order exists, the cancel happened): the case the executor must resolve by
   * looking up the client order id, never by sending a second order.
   */
  | { readonly type: 'timeout'; readonly placed: boolean }
  /** HTTP 429: the request was not processed; RATE_LIMITED. */
  | { readonly type: 'rateLimit' }
  /** A definitive refusal of the given kind (INSUFFICIENT_FUNDS, AUTH, FATAL…); nothing happens. */
  | { readonly type: 'reject'; readonly kind: ExchangeErrorKind; readonly message?: string };

/** Which stream a stream fault hits. */
export type PaperStreamSelector = 'user' | 'ticker' | 'both';

interface FaultRule {
  readonly operation: ExchangeOperation | '*';
  readonly fault: PaperFault;
  remaining: number;
}

/** What the exchange does when a stream fault is injected (wired by PaperExchange). */
export interface StreamFaultTarget {
  disconnect(stream: PaperStreamSelector, forMilliseconds: number): void;
  reconnect(stream: PaperStreamSelector): void;
  drop(stream: PaperStreamSelector, count: number, announced: boolean): void;
}

/**
 * The paper exchange's fault plan, for tests: faults are queued per operation and used up in
 * order, each for `times` requests. Several faults may hit one request (latency, then a timeout).
 */
export class PaperFaults {
  readonly #rules: FaultRule[] = [];
  readonly #streams: StreamFaultTarget;

  constructor(streams: StreamFaultTarget) {
    this.#streams = streams;
  }

  /** Makes the next `times` requests of the operation (or of any, with '*') suffer the fault. */
  inject(operation: ExchangeOperation | '*', fault: PaperFault, times = 1): this {
    if (!Number.isSafeInteger(times) || times < 1) {
      throw new HooklineError('INVALID_ARGUMENT', 'a fault must apply at least once', { context: { times } });
    }
    this.#rules.push({ operation, fault, remaining: times });
    return this;
  }

  /** Drops the stream's connection now; it reconnects `forMilliseconds` later on the clock. */
  disconnectStream(stream: PaperStreamSelector = 'user', forMilliseconds = 0): this {
    this.#streams.disconnect(stream, forMilliseconds);
    return this;
  }

  /** Ends a stream outage now instead of waiting for its time; `connected` follows with the next delivery. */
  reconnectStream(stream: PaperStreamSelector = 'user'): this {
    this.#streams.reconnect(stream);
    return this;
  }

  /** Loses the stream's next `count` messages; `announced` adds a `gap` event, as a sequence check would. */
  dropStreamMessages(
    count: number,
    options: { stream?: PaperStreamSelector; announced?: boolean } = {},
  ): this {
    this.#streams.drop(options.stream ?? 'user', count, options.announced ?? true);
    return this;
  }

  /** Forgets every queued request fault. */
  clear(): this {
    this.#rules.length = 0;
    return this;
  }

  /** The faults that hit this request: one use of the first matching rule of each fault type. */
  take(operation: ExchangeOperation): PaperFault[] {
    const taken = new Map<PaperFault['type'], PaperFault>();
    for (const rule of this.#rules) {
      if (rule.remaining === 0 || (rule.operation !== '*' && rule.operation !== operation)) continue;
      if (taken.has(rule.fault.type)) continue;
      taken.set(rule.fault.type, rule.fault);
      rule.remaining -= 1;
    }
    for (let index = this.#rules.length - 1; index >= 0; index -= 1) {
      if (this.#rules[index]?.remaining === 0) this.#rules.splice(index, 1);
    }
    return [...taken.values()];
  }
}
