// When the executor does not start an exit (NOT_SOLD: nothing available, no price, a risk refusal),
// it records why in `decisions`. Asking it again every 3 s would write that row every 3 s, so the
// same exit of the same amount is asked again only after a back-off: firstRetryMs, doubling per
// refusal up to maxRetryMs. A hard stop keeps the first delay (an emergency is retried at that pace).
// A different exit reason or a changed position amount is asked at once. The refusals are kept in the
// sentinel's memory (sentinel_memory, kind EXIT_RETRY): a restart or a lease hand-over keeps backing off.
import type { ExitReason } from '@hookline/core';
import { z } from 'zod';
import type { SentinelMemory } from '../sentinel-memory.js';

const refusalSchema = z.object({
  reason: z.string(),
  amount: z.string(),
  refusals: z.number().int().min(1),
  nextAtMs: z.number(),
});

type Refusal = z.infer<typeof refusalSchema>;

/** Back-off per symbol for exits the executor refused. */
export class ExitRetryGate {
  readonly #firstRetryMs: number;
  readonly #maxRetryMs: number;
  readonly #memory: SentinelMemory;

  constructor(options: {
    readonly firstRetryMs: number;
    readonly maxRetryMs: number;
    readonly memory: SentinelMemory;
  }) {
    this.#firstRetryMs = options.firstRetryMs;
    this.#maxRetryMs = Math.max(options.firstRetryMs, options.maxRetryMs);
    this.#memory = options.memory;
  }

  /** True when the exit may be asked of the executor now. */
  allows(symbol: string, reason: ExitReason, amount: string, nowMs: number): boolean {
    const last = this.#last(symbol);
    if (last === undefined || last.reason !== reason || last.amount !== amount) return true;
    return nowMs >= last.nextAtMs;
  }

  /** The executor refused the exit: wait before asking again. */
  refused(symbol: string, reason: ExitReason, amount: string, nowMs: number): void {
    const last = this.#last(symbol);
    const same = last !== undefined && last.reason === reason && last.amount === amount;
    const refusals = same ? last.refusals + 1 : 1;
    const ceiling = reason === 'HARD_STOP' ? this.#firstRetryMs : this.#maxRetryMs;
    const delay = Math.min(this.#firstRetryMs * 2 ** Math.min(refusals - 1, 20), ceiling);
    const refusal: Refusal = { reason, amount, refusals, nextAtMs: nowMs + delay };
    this.#memory.set('EXIT_RETRY', symbol, refusal);
  }

  /** The exit started, or the position closed: no back-off any more. */
  forget(symbol: string): void {
    this.#memory.delete('EXIT_RETRY', symbol);
  }

  // A stored value that is not a refusal (an older layout) is no back-off: the exit is asked.
  #last(symbol: string): Refusal | undefined {
    const parsed = refusalSchema.safeParse(this.#memory.get('EXIT_RETRY', symbol));
    return parsed.success ? parsed.data : undefined;
  }
}
