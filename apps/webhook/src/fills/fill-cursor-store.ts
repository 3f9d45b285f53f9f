import type { FillCursor } from '@hookline/exchange';
import type { Redis } from 'ioredis';

/**
 * Where the REST fill backfill resumes: one Redis string per (account, exchange), key
 * `hookline:fills:cursor:<account>:<exchange>`, written only after the page's fills are committed.
 * Losing it is harmless: the next backfill reads from the start and every fill is a no-op replay.
 */
export class RedisFillCursorStore {
  readonly #redis: Redis;
  readonly #key: string;

  constructor(redis: Redis, account: string, exchange: string, keyPrefix = 'hookline') {
    this.#redis = redis;
    this.#key = `${keyPrefix}:fills:cursor:${account}:${exchange}`;
  }

  /** The stored cursor, or undefined before the first backfill. */
  async load(): Promise<FillCursor | undefined> {
    return (await this.#redis.get(this.#key)) ?? undefined;
  }

  async save(cursor: FillCursor): Promise<void> {
    await this.#redis.set(this.#key, cursor);
  }
}
