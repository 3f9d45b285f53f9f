// When the executor does not start an exit (NOT_SOLD: nothing available, no price, a risk refusal),
// it records why in `decisions`. Asking it again every 3 s would write that row every 3 s, so the
// same exit of the same amount is asked again only after a back-off: firstRetryMs, doubling per
// refusal up to maxRetryMs. A hard stop keeps the first delay (an emergency is retried at that pace).
// A different exit reason or a changed position amount is asked at once.
import type { ExitReason } from '@hookline/core';

interface Refusal {
  readonly reason: ExitReason;
  readonly amount: string;
  readonly refusals: number;
  readonly nextAtMs: number;
}

/** Back-off per symbol for exits the executor refused. In memory (a restart asks at once). */
export class ExitRetryGate {
  readonly #firstRetryMs: number;
  readonly #maxRetryMs: number;
  readonly #refusals = new Map<string, Refusal>();

  constructor(options: { readonly firstRetryMs: number; readonly maxRetryMs: number }) {
    this.#firstRetryMs = options.firstRetryMs;
    this.#maxRetryMs = Math.max(options.firstRetryMs, options.maxRetryMs);
  }

  /** True when the exit may be asked of the executor now. */
  allows(symbol: string, reason: ExitReason, amount: string, nowMs: number): boolean {
    const last = this.#refusals.get(symbol);
    if (last === undefined || last.reason !== reason || last.amount !== amount) return true;
    return nowMs >= last.nextAtMs;
  }

  /** The executor refused the exit: wait before asking again. */
  refused(symbol: string, reason: ExitReason, amount: string, nowMs: number): void {
    const last = this.#refusals.get(symbol);
    const same = last !== undefined && last.reason === reason && last.amount === amount;
    const refusals = same ? last.refusals + 1 : 1;
    const ceiling = reason === 'HARD_STOP' ? this.#firstRetryMs : this.#maxRetryMs;
    const delay = Math.min(this.#firstRetryMs * 2 ** Math.min(refusals - 1, 20), ceiling);
    this.#refusals.set(symbol, { reason, amount, refusals, nextAtMs: nowMs + delay });
  }

  /** The exit started, or the position closed: no back-off any more. */
  forget(symbol: string): void {
    this.#refusals.delete(symbol);
  }
}
