// Row ids in a replay. Decision and trade-record ids are otherwise Prisma's uuid(7) default (wall clock
// plus system randomness), and client order ids are derived from decision ids, so two replays of the
// same files would print different ids. The replay supplies those ids itself: UUIDv7 on its virtual
// clock with a random source seeded by the account, so the same files give the same report byte for
// byte, which is what lets a refactor be checked by diffing `replay --json`. Only the replay's client
// is wrapped; the live path keeps Prisma's default.
import { createHash } from 'node:crypto';
import { type Clock, type IdGenerator, type RandomSource, UuidV7IdGenerator } from '@hookline/core';
import type { PrismaClient } from '@hookline/db';

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

type Row = Record<string, unknown>;

function withId(row: Row, field: string, ids: IdGenerator): Row {
  return row[field] === undefined ? { ...row, [field]: ids.next() } : row;
}

function withIds<T>(data: T, field: string, ids: IdGenerator): T {
  return (
    Array.isArray(data) ? data.map((row: Row) => withId(row, field, ids)) : withId(data as Row, field, ids)
  ) as T;
}

/**
 * The client with every decision and trade-record row created through it given an id from `ids` when
 * the caller did not set one. Rows inserted by raw SQL (fills, FIFO allocations) keep the database's
 * own ids: the report prints neither, and their order comes from arrival_seq, not from ids.
 */
export function withReplayIds(prisma: PrismaClient, ids: IdGenerator): PrismaClient {
  const extended = prisma.$extends({
    query: {
      decision: {
        create: ({ args, query }) => query({ ...args, data: withIds(args.data, 'decisionId', ids) }),
        createMany: ({ args, query }) => query({ ...args, data: withIds(args.data, 'decisionId', ids) }),
        createManyAndReturn: ({ args, query }) =>
          query({ ...args, data: withIds(args.data, 'decisionId', ids) }),
        upsert: ({ args, query }) => query({ ...args, create: withIds(args.create, 'decisionId', ids) }),
      },
      tradeRecord: {
        create: ({ args, query }) => query({ ...args, data: withIds(args.data, 'id', ids) }),
        createMany: ({ args, query }) => query({ ...args, data: withIds(args.data, 'id', ids) }),
        createManyAndReturn: ({ args, query }) => query({ ...args, data: withIds(args.data, 'id', ids) }),
        upsert: ({ args, query }) => query({ ...args, create: withIds(args.create, 'id', ids) }),
      },
    },
  });
  // The extension adds no methods, only ids, so the extended client is used where a PrismaClient is.
  return extended as unknown as PrismaClient;
}
