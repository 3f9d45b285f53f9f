// Whether a batch's accounts already hold rows at its exchanges. An import into accounts that hold
// nothing there (a user's first import, a new account) has nothing stored to match against, so the
// bulk path skips staging the batch's trade ids and order ids and the joins behind them: one index
// probe per (account, exchange) pair instead of a COPY of every key and a join.
import type { SqlRunner } from './sql-runner.js';

/** The tables whose rows a batch is matched against, each with a unique index led by (account, exchange). */
export type StoredTable = 'fills' | 'trade_records';

/** The distinct (account, exchange) pairs of `rows`, as two parallel arrays for unnest(). */
export interface AccountExchangePairs {
  readonly accounts: readonly string[];
  readonly exchanges: readonly string[];
}

export function accountExchangePairs(
  rows: readonly { readonly account: string; readonly exchange: string }[],
): AccountExchangePairs {
  const accounts: string[] = [];
  const exchanges: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const key = `${row.account}\u0000${row.exchange}`;
    if (seen.has(key)) continue;
    seen.add(key);
    accounts.push(row.account);
    exchanges.push(row.exchange);
  }
  return { accounts, exchanges };
}

/** True when `table` holds a row of any of `pairs` (in the caller's transaction). */
export async function holdsAnyOf(
  run: SqlRunner,
  table: StoredTable,
  pairs: AccountExchangePairs,
): Promise<boolean> {
  if (pairs.accounts.length === 0) return false;
  const [answer] = await run<{ holds: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM unnest($1::text[], $2::text[]) AS pair(account, exchange)
       WHERE EXISTS (SELECT 1 FROM ${table} t WHERE t.account = pair.account AND t.exchange = pair.exchange)
     ) AS holds`,
    [pairs.accounts, pairs.exchanges],
  );
  return answer?.holds === true;
}
