// Allowed by the domain purity check (test/support/purity-check.ts): the one file that reads
// randomness. Everything else receives a RandomSource.
import { randomFillSync } from 'node:crypto';
import type { RandomSource } from './id-generator.js';

const POOL_BYTES = 4_096;

/**
 * Cryptographically strong random bytes from node:crypto, for production wiring only. They are drawn
 * a pool at a time (one call to the CSPRNG per 4 KiB, not per id: bulk imports draw an id per row)
 * and every byte is handed out once.
 */
export class SystemRandomSource implements RandomSource {
  readonly #pool = new Uint8Array(POOL_BYTES);
  #used = POOL_BYTES;

  bytes(count: number): Uint8Array {
    if (count > POOL_BYTES) return randomFillSync(new Uint8Array(count));
    if (this.#used + count > POOL_BYTES) {
      randomFillSync(this.#pool);
      this.#used = 0;
    }
    const bytes = this.#pool.slice(this.#used, this.#used + count);
    this.#used += count;
    return bytes;
  }
}
