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
}

/** A Redis lease with a token: acquire (or renew) before acting, release on stop. */
export class RedisLease implements Lease {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #ttlMs: number;
  readonly #token = randomUUID();

  constructor(redis: Redis, key: string, ttlMs: number) {
    this.#redis = redis;
    this.#key = key;
    this.#ttlMs = ttlMs;
  }

  /** The Redis key of the lease. */
  get key(): string {
    return this.#key;
  }

  /** True when this holder has (or now takes) the lease; its expiry is pushed back by the TTL. */
  async acquire(): Promise<boolean> {
    if (await this.renew()) return true;
    return (await this.#redis.set(this.#key, this.#token, 'PX', this.#ttlMs, 'NX')) === 'OK';
  }

  /** Extends the lease if this holder still has it; false when it expired or another holder took it. */
  async renew(): Promise<boolean> {
    return Number(await this.#redis.eval(RENEW, 1, this.#key, this.#token, String(this.#ttlMs))) === 1;
  }

  /** Gives the lease up if this holder has it (another replica may take it at once). */
  async release(): Promise<void> {
    await this.#redis.eval(RELEASE, 1, this.#key, this.#token);
  }
}
