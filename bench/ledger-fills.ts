// The ledger benchmarks' workload: the same seeded fills the ledger's golden tests hash
// (test/support/seeded-fills.ts, mulberry32, never Math.random), so a run is repeatable, figures
// compare across machines and commits, and there is one generator to read. Should the benchmark ever
// need another workload, give it its own generator here rather than changing the tests' one.
import type { LedgerFill } from '@hookline/ledger';
import { SeededFillSource, seededRandom } from '../test/support/seeded-fills.js';

export { seededRandom };

/** Fills for the engine and import benchmarks, typed as the ledger's LedgerFill. */
export class BenchmarkFillSource {
  readonly #source: SeededFillSource;

  constructor(...args: ConstructorParameters<typeof SeededFillSource>) {
    this.#source = new SeededFillSource(...args);
  }

  /** The next `count` fills; a SeededFill is a LedgerFill with every optional field set. */
  take(count: number): LedgerFill[] {
    return this.#source.take(count);
  }
}
