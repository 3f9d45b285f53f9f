// Row ids in a replay: UUIDv7 on the virtual clock with a random source seeded by the account, handed
// to the replay's store (its `rowIds`, packages/store/src/row-ids.ts), so the same files give the same
// report byte for byte — which is what lets a refactor be checked by diffing `replay --json`. The live
// path keeps the database's ids.
import { createHash } from 'node:crypto';
import { type Clock, type IdGenerator, type RandomSource, UuidV7IdGenerator } from '@hookline/core';

/**
 * Reproducible "random" bytes: SHA-256 of the seed and a block counter. Not a secret, only a way to
 * make ids look like their live counterparts while repeating exactly for a seed.
 */
export class SeededRandomSource implements RandomSource {
  readonly #seed: string;
  #block = 0;

  constructor(seed: string) {
    this.#seed = seed;
  }

  bytes(count: number): Uint8Array {
    const out = new Uint8Array(count);
    for (let filled = 0; filled < count; ) {
      const digest = createHash('sha256').update(`${this.#seed}#${this.#block}`, 'utf8').digest();
      this.#block += 1;
      const take = Math.min(digest.length, count - filled);
      out.set(digest.subarray(0, take), filled);
      filled += take;
    }
    return out;
  }
}

/**
 * The replay's id generator. Seeded by the account so that replays of the same files on one database
 * under different accounts (the in-process tests share a database) do not collide, while the CLI's
 * replay, always on a fresh database, repeats exactly.
 */
export function replayIdGenerator(clock: Clock, account: string): IdGenerator {
  return new UuidV7IdGenerator(clock, new SeededRandomSource(`replay:${account}`));
}
