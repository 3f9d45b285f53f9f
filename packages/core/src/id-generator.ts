import type { Clock } from './clock.js';
import { HooklineError } from './errors.js';
import { formatUuid, stampUuidVersion } from './uuid.js';

/** Hands out unique ids; injected so domain code and tests stay deterministic. */
export interface IdGenerator {
  /** A new id, different from every id this generator returned before. */
  next(): string;
}

/** Where id generators get random bytes; injected so tests can make them reproducible. */
export interface RandomSource {
  /** `count` random bytes. */
  bytes(count: number): Uint8Array;
}

const maxCounter = 0xfff;
// Seeding the counter below 0x800 leaves at least 2048 ids per millisecond before it overflows.
const counterSeedMask = 0x7ff;
const maxTimestampMs = 2 ** 48 - 1;

/**
 * Time-ordered UUIDv7 ids (RFC 9562): 48-bit millisecond timestamp, a 12-bit counter, 62 random
 * bits. They sort in creation order (the counter, method 1 of RFC 9562 section 6.2, keeps order
 * within one millisecond and when the wall clock steps back), which keeps database indexes compact.
 */
export class UuidV7IdGenerator implements IdGenerator {
  readonly #clock: Clock;
  readonly #random: RandomSource;
  #lastMs = -1;
  #counter = 0;

  constructor(clock: Clock, random: RandomSource) {
    this.#clock = clock;
    this.#random = random;
  }

  next(): string {
    const random = this.#random.bytes(10);
    if (random.length < 10) {
      throw new HooklineError('INVALID_ARGUMENT', 'the random source returned fewer bytes than asked');
    }
    const seed = (((random[0] ?? 0) << 8) | (random[1] ?? 0)) & counterSeedMask;
    this.#advance(Math.floor(this.#clock.nowMs()), seed);

    const bytes = new Uint8Array(16);
    let timestamp = this.#lastMs;
    for (let index = 5; index >= 0; index -= 1) {
      bytes[index] = timestamp % 256;
      timestamp = Math.floor(timestamp / 256);
    }
    bytes[6] = this.#counter >> 8;
    bytes[7] = this.#counter & 0xff;
    bytes.set(random.subarray(2, 10), 8);
    return formatUuid(stampUuidVersion(bytes, 7));
  }

  // A later millisecond starts a fresh counter; the same or an earlier one (clock stepped back)
  // counts on from the last id, borrowing the next millisecond when the counter runs out.
  #advance(nowMs: number, seed: number): void {
    if (!(nowMs >= 0 && nowMs <= maxTimestampMs)) {
      throw new HooklineError('INVALID_ARGUMENT', 'the clock is outside the UUIDv7 timestamp range', {
        context: { nowMs },
      });
    }
    if (nowMs > this.#lastMs) {
      this.#lastMs = nowMs;
      this.#counter = seed;
    } else if (this.#counter < maxCounter) {
      this.#counter += 1;
    } else {
      this.#lastMs += 1;
      this.#counter = seed;
    }
  }
}

/** Predictable ids for tests: `prefix-000001`, `prefix-000002`, … (sorted as text up to 999999). */
export class SequentialIdGenerator implements IdGenerator {
  readonly #prefix: string;
  #sequence = 0;

  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  next(): string {
    this.#sequence += 1;
    return `${this.#prefix}-${String(this.#sequence).padStart(6, '0')}`;
  }
}
