// Table sentinel_memory: what the exit sentinel remembers between sweeps — the position cap's phase,
// the back-off after a refused exit, the dust flags and the why-not-sold de-duplication — so that a
// restarted process, or the replica that takes the sentinel's lease over, continues where the last
// sweep left off. One JSON value per (account, kind, symbol); the sentinel reads the account's rows
// once per sweep and writes what changed in one transaction.
import type { Prisma } from '@hookline/db';
import { clientOf, type Store } from '../store.js';

/** One remembered value. */
export interface SentinelMemoryEntry {
  readonly kind: string;
  /** The position's symbol, or `*` for what belongs to the account. */
  readonly symbol: string;
  /** Plain JSON. */
  readonly value: unknown;
}

/** A key of a remembered value. */
export type SentinelMemoryKey = Omit<SentinelMemoryEntry, 'value'>;

/** Every remembered value of the account. */
export async function readSentinelMemory(store: Store, account: string): Promise<SentinelMemoryEntry[]> {
  const rows = await clientOf(store).sentinelMemory.findMany({
    where: { account },
    orderBy: [{ kind: 'asc' }, { symbol: 'asc' }],
  });
  return rows.map((row) => ({ kind: row.kind, symbol: row.symbol, value: row.value }));
}

/** Upserts `put` and deletes `remove`, in one transaction. */
export async function writeSentinelMemory(
  store: Store,
  account: string,
  change: {
    readonly put: readonly SentinelMemoryEntry[];
    readonly remove: readonly SentinelMemoryKey[];
    readonly now: Date;
  },
): Promise<void> {
  const prisma = clientOf(store);
  const statements = [
    ...change.remove.map(({ kind, symbol }) =>
      prisma.sentinelMemory.deleteMany({ where: { account, kind, symbol } }),
    ),
    ...change.put.map(({ kind, symbol, value }) => {
      const json = value as Prisma.InputJsonValue;
      return prisma.sentinelMemory.upsert({
        where: { account_kind_symbol: { account, kind, symbol } },
        create: { account, kind, symbol, value: json, updatedAt: change.now },
        update: { value: json, updatedAt: change.now },
      });
    }),
  ];
  if (statements.length > 0) await prisma.$transaction(statements);
}
