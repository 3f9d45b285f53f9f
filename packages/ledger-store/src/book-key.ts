import { tradingPair } from '@hookline/ledger';

/** One FIFO book: the lots of an asset in an account (BTC/USD and BTC/USDC share the BTC book). */
export interface BookKey {
  readonly account: string;
  readonly asset: string;
}

/** The book a symbol's fills belong to. */
export function bookOf(account: string, symbol: string): BookKey {
  return { account, asset: tradingPair(symbol).base };
}

/** A stable text form of a book, for maps and advisory-lock keys. */
export function bookId(book: BookKey): string {
  return `${book.account}|${book.asset}`; // account names cannot contain "|" (config and CSV refuse it)
}

/** The distinct books of some fills, sorted so concurrent writers lock them in the same order. */
export function distinctBooks(items: Iterable<{ account: string; symbol: string }>): BookKey[] {
  const books = new Map<string, BookKey>();
  const bookIdOf = bookIds();
  for (const item of items) {
    const id = bookIdOf(item.account, item.symbol);
    if (!books.has(id)) books.set(id, bookOf(item.account, item.symbol));
  }
  return [...books.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, book]) => book);
}

/**
 * bookId(bookOf(account, symbol)), each (account, symbol) pair worked out once: a batch repeats a few
 * pairs many times, and looking a pair up makes no new string.
 */
export function bookIds(): (account: string, symbol: string) => string {
  const byAccount = new Map<string, Map<string, string>>();
  return (account, symbol) => {
    let bySymbol = byAccount.get(account);
    if (!bySymbol) {
      bySymbol = new Map();
      byAccount.set(account, bySymbol);
    }
    let id = bySymbol.get(symbol);
    if (id === undefined) {
      id = bookId(bookOf(account, symbol));
      bySymbol.set(symbol, id);
    }
    return id;
  };
}
