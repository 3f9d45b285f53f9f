// Allowed by the domain purity check (test/support/purity-check.ts): the one file that reads
// randomness. Everything else receives a RandomSource.
import { randomBytes } from 'node:crypto';
import type { RandomSource } from './id-generator.js';

/** Cryptographically strong random bytes from node:crypto, for production wiring only. */
export class SystemRandomSource implements RandomSource {
  bytes(count: number): Uint8Array {
    return randomBytes(count);
  }
}
