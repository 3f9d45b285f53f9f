// Row ids chosen by the caller instead of the database. Decision and trade-record ids are otherwise
// Prisma's uuid(7) default (wall clock plus system randomness), and client order ids are derived from
// decision ids, so two replays of the same files would print different ids. A store opened with
// `rowIds` gives every decision and trade-record row it creates without an id one from that generator
// (a replay passes UUIDv7 on its virtual clock with a seeded random source), so the same files give
// the same report byte for byte. Rows inserted by raw SQL (fills, FIFO allocations) keep the
// database's ids: no report prints them, and their order comes from arrival_seq.
import type { IdGenerator } from '@hookline/core';
import type { PrismaClient } from '@hookline/db';

type Row = Record<string, unknown>;

function withId(row: Row, field: string, ids: IdGenerator): Row {
  return row[field] === undefined ? { ...row, [field]: ids.next() } : row;
}

function withIds<T>(data: T, field: string, ids: IdGenerator): T {
  return (
    Array.isArray(data) ? data.map((row: Row) => withId(row, field, ids)) : withId(data as Row, field, ids)
  ) as T;
}

/** The client with ids from `ids` on every decision and trade-record row created without one. */
export function withRowIds(prisma: PrismaClient, ids: IdGenerator): PrismaClient {
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
