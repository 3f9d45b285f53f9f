// One holder per key across replicas (the reconciler and the fill consumer of an (account, exchange)):
// a Redis key set with NX and an expiry, holding a random token. Only the holder renews or deletes it (compare-and-act in Lua), so a replica
// whose lease expired can never release or extend the lease another replica took in the meantime.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** What a lease holder uses (RedisLease; tests may pass their own). */
export interface Lease {
  acquire(): Promise<boolean>;
  renew(): Promise<boolean>;
  release(): Promise<void>;
  /**
   * Which unbroken holding this is, while it is held (undefined when not held). A new number each time
   * the lease is taken anew: between two holdings of this holder another one may have held it and
   * written what only the holder writes, so what this holder kept from before must be read again.
   */
  readonly term?: number | undefined;
}

/** A Redis lease with a token: acquire (or renew) before acting, release on stop. */
export class RedisLease implements Lease {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #ttlMs: number;
  readonly #token = randomUUID();
  #terms = 0;
  #held = false;

  constructor(redis: Redis, key: string, ttlMs: number) {
    this.#redis = redis;
    this.#key = key;
    this.#ttlMs = ttlMs;
  }

  /** The Redis key of the lease. */
  get key(): string {
    return this.#key;
  }

  /**
   * The current holding while it lasts (see Lease.term). A renewal keeps the term: the key still held
   * this holder's token, so nobody else held it in between (another holder would have replaced it).
   */
  get term(): number | undefined {
    return this.#held ? this.#terms : undefined;
  }

  /** True when this holder has (or now takes) the lease; its expiry is pushed back by the TTL. */
  async acquire(): Promise<boolean> {
    if (await this.renew()) return true;
    const taken = (await this.#redis.set(this.#key, this.#token, 'PX', this.#ttlMs, 'NX')) === 'OK';
    if (taken) {
      this.#terms += 1;
      this.#held = true;
    }
    return taken;
  }

  /** Extends the lease if this holder still has it; false when it expired or another holder took it. */
  async renew(): Promise<boolean> {
    try {
      this.#held =
        Number(await this.#redis.eval(RENEW, 1, this.#key, this.#token, String(this.#ttlMs))) === 1;
    } catch (error) {
      this.#held = false; // unknown: Redis did not answer
      throw error;
    }
    return this.#held;
  }

  /** Gives the lease up if this holder has it (another replica may take it at once). */
  async release(): Promise<void> {
    this.#held = false;
    await this.#redis.eval(RELEASE, 1, this.#key, this.#token);
  }
}
