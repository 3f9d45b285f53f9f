// The one thing the ledger's write path needs from a database connection: run a SQL text with
// positional parameters inside the current transaction and get its rows. Live fills go through
// Prisma's interactive transaction; bulk imports through one raw pg connection (see pg-transaction.ts).
import type { Prisma } from '@hookline/db';

/** Runs `sql` with `$1..$n` parameters in the caller's transaction; resolves to the rows. */
export type SqlRunner = <T = Record<string, unknown>>(
  sql: string,
  params?: readonly unknown[],
) => Promise<T[]>;

/** A runner over a Prisma interactive transaction. */
export function prismaRunner(tx: Prisma.TransactionClient): SqlRunner {
  return async <T>(sql: string, params: readonly unknown[] = []) =>
    await tx.$queryRawUnsafe<T[]>(sql, ...params);
}
