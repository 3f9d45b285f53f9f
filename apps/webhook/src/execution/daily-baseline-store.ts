// The daily loss limit's baseline: the account's equity and unrealized P&L at the first observation
// of each UTC day, stored once in Redis so every replica measures the day against the same figures.
// SET NX makes the first writer win; later decisions that day read it. A scheduled snapshot at UTC
// midnight may write the same key earlier, and then wins.
import { type Decimal, dec, toPlainString } from '@hookline/core';
import type { Redis } from 'ioredis';

/** One account's baseline for one UTC day. */
export interface StoredDailyBaseline {
  /** UTC midnight of the day. */
  readonly dayStart: Date;
  /** When the baseline was observed (UTC midnight for a scheduled snapshot, else the first decision). */
  readonly observedAt: Date;
  /** Cash + every non-dust position at its bid, at observedAt. */
  readonly startingEquity: Decimal;
  /** Σ (value at bid − cost basis) of those positions, at observedAt. */
  readonly unrealizedPnlAtStart: Decimal;
}

/** Where the baselines live. */
export interface DailyBaselineStore {
  /** The stored baseline of the account's UTC day starting at `dayStart`, if any. */
  load(account: string, dayStart: Date): Promise<StoredDailyBaseline | undefined>;
  /** Stores the baseline unless one exists for that day; returns the one that is stored (first wins). */
  claim(account: string, baseline: StoredDailyBaseline): Promise<StoredDailyBaseline>;
}

/** Baselines keep two days, so a replica's clock skew around midnight still finds yesterday's. */
export const DAILY_BASELINE_TTL_SECONDS = 48 * 60 * 60;

/** `<prefix>:risk:day-baseline:<account>:<YYYY-MM-DD>` in Redis, SET NX with a 48 h expiry. */
export class RedisDailyBaselineStore implements DailyBaselineStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix = 'hookline') {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  /** The key of the account's day. */
  key(account: string, dayStart: Date): string {
    return `${this.#prefix}:risk:day-baseline:${account}:${dayStart.toISOString().slice(0, 10)}`;
  }

  async load(account: string, dayStart: Date): Promise<StoredDailyBaseline | undefined> {
    const text = await this.#redis.get(this.key(account, dayStart));
    return text === null ? undefined : parseBaseline(text);
  }

  async claim(account: string, baseline: StoredDailyBaseline): Promise<StoredDailyBaseline> {
    const key = this.key(account, baseline.dayStart);
    const stored = await this.#redis.set(
      key,
      serializeBaseline(baseline),
      'EX',
      DAILY_BASELINE_TTL_SECONDS,
      'NX',
    );
    if (stored === 'OK') return baseline;
    const winner = await this.load(account, baseline.dayStart);
    // Expired between the two calls (only possible at the very end of its TTL): ours is as good.
    return winner ?? baseline;
  }
}

/** In-process baselines, for a system without Redis (one process replaying a virtual clock). */
export class MemoryDailyBaselineStore implements DailyBaselineStore {
  readonly #baselines = new Map<string, StoredDailyBaseline>();

  async load(account: string, dayStart: Date): Promise<StoredDailyBaseline | undefined> {
    return this.#baselines.get(`${account}:${dayStart.toISOString()}`);
  }

  async claim(account: string, baseline: StoredDailyBaseline): Promise<StoredDailyBaseline> {
    const key = `${account}:${baseline.dayStart.toISOString()}`;
    const stored = this.#baselines.get(key) ?? baseline;
    this.#baselines.set(key, stored);
    return stored;
  }
}

function serializeBaseline(baseline: StoredDailyBaseline): string {
  return JSON.stringify({
    dayStart: baseline.dayStart.toISOString(),
    observedAt: baseline.observedAt.toISOString(),
    startingEquity: toPlainString(baseline.startingEquity),
    unrealizedPnlAtStart: toPlainString(baseline.unrealizedPnlAtStart),
  });
}

function parseBaseline(text: string): StoredDailyBaseline {
  const raw = JSON.parse(text) as Record<string, string>;
  return {
    dayStart: new Date(String(raw.dayStart)),
    observedAt: new Date(String(raw.observedAt ?? raw.dayStart)),
    // dec() throws on a corrupt figure: the job fails instead of deciding on a wrong baseline.
    startingEquity: dec(String(raw.startingEquity)),
    unrealizedPnlAtStart: dec(String(raw.unrealizedPnlAtStart)),
  };
}
