// The one thing the ledger's write path needs from a database connection: run a SQL text with
// positional parameters inside the current transaction and get its rows. Live fills go through
// Prisma's interactive transaction; bulk imports through one raw pg connection (see pg-transaction.ts),
// which can also stream rows in with COPY.
import type { Prisma } from '@hookline/db';

/** One field of a COPY row: text as is (decimals as exact strings), null as SQL NULL. */
export type CopyValue = string | number | boolean | Date | null;

/** Rows already in COPY's text form (see copy-rows.ts), a chunk of lines per string. */
export interface RenderedCopy {
  readonly rendered: readonly string[];
}

/** Streams `rows` into `target` (`table (col, ...)`) with COPY FROM STDIN, in the caller's transaction. */
export type CopyRows = (target: string, rows: Iterable<readonly CopyValue[]> | RenderedCopy) => Promise<void>;

/** Runs `sql` with `$1..$n` parameters in the caller's transaction; resolves to the rows. */
export type SqlRunner = (<T = Record<string, unknown>>(
  sql: string,
  params?: readonly unknown[],
) => Promise<T[]>) & {
  /** Present on the raw pg bulk path only. */
  readonly copy?: CopyRows;
};

/** A runner over a Prisma interactive transaction. */
export function prismaRunner(tx: Prisma.TransactionClient): SqlRunner {
  return async <T>(sql: string, params: readonly unknown[] = []) =>
    await tx.$queryRawUnsafe<T[]>(sql, ...params);
}
