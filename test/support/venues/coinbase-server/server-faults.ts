import type { ExchangeOperation } from '@hookline/exchange';

/**
 * How the local Coinbase answers a request instead of normally. `afterProcessing` means the venue
 * executes the request first (the order exists) and only the answer goes wrong: the case where a
 * blind retry would place a second order.
 */
export type ServerFault =
  /** Answers normally but only after `delayMs` (beyond the client's timeout). */
  | { readonly kind: 'slow'; readonly delayMs: number; readonly afterProcessing: boolean }
  /** An HTML error page from a proxy or load balancer (`500`, `502`, `503`). */
  | { readonly kind: 'html'; readonly status: number; readonly afterProcessing: boolean }
  /** `429 Too Many Requests`, nothing processed. */
  | { readonly kind: 'rateLimit' }
  /** A 500 with Coinbase's JSON error body. */
  | { readonly kind: 'json500'; readonly afterProcessing: boolean }
  /** HTTP 200 whose body is not JSON (docs/exchange-notes.md, ccxt 5). */
  | { readonly kind: 'nonJson200'; readonly afterProcessing: boolean }
  /** The connection is cut without an answer. */
  | { readonly kind: 'drop'; readonly afterProcessing: boolean };

interface Rule {
  readonly operation: ExchangeOperation;
  readonly fault: ServerFault;
  remaining: number;
  /** Requests of the operation still answered normally before the fault starts. */
  skip: number;
}

/** The server's queue of faults per operation, used up in order. */
export class ServerFaults {
  readonly #rules: Rule[] = [];

  /**
   * The next `times` requests of the operation suffer the fault; with `after`, only once that many
   * requests of it were answered normally (a history read that fails on its second page).
   */
  inject(operation: ExchangeOperation, fault: ServerFault, times = 1, after = 0): this {
    this.#rules.push({ operation, fault, remaining: times, skip: after });
    return this;
  }

  /** The fault for this request, if any (one use of it). */
  take(operation: ExchangeOperation): ServerFault | undefined {
    const rule = this.#rules.find(
      (candidate) => candidate.operation === operation && candidate.remaining > 0,
    );
    if (rule === undefined) return undefined;
    if (rule.skip > 0) {
      rule.skip -= 1;
      return undefined;
    }
    rule.remaining -= 1;
    return rule.fault;
  }

  /** Forgets every queued fault. */
  clear(): void {
    this.#rules.length = 0;
  }
}

/** True when the request is executed before the fault hits its answer. */
export function processesFirst(fault: ServerFault | undefined): boolean {
  if (fault === undefined) return true;
  return fault.kind === 'rateLimit' ? false : fault.afterProcessing;
}
