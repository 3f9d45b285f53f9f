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
}

/** The server's queue of faults per operation, used up in order. */
export class ServerFaults {
  readonly #rules: Rule[] = [];

  /** The next `times` requests of the operation suffer the fault. */
  inject(operation: ExchangeOperation, fault: ServerFault, times = 1): this {
    this.#rules.push({ operation, fault, remaining: times });
    return this;
  }

  /** The fault for this request, if any (one use of it). */
  take(operation: ExchangeOperation): ServerFault | undefined {
    const rule = this.#rules.find(
      (candidate) => candidate.operation === operation && candidate.remaining > 0,
    );
    if (rule === undefined) return undefined;
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
