// The open positions a sweep reads, kept between sweeps when the ledger cannot have changed: the
// positions are the open FIFO lots, and with no other writer (a backtest's own database) only this
// process's fill recorder writes the ledger. Each recorder write changes its count, and the next sweep
// reads again; so does another market list (it decides dust and the base asset).
import type { Market } from '@hookline/exchange';
import { type OpenPosition, readOpenPositions, type Store } from '@hookline/store';

/** Reads the account's open positions. */
export type OpenPositionReader = (account: string, markets: readonly Market[]) => Promise<OpenPosition[]>;

/** Every sweep reads the ledger (the live sentinel: other processes record fills). */
export function readingPositions(store: Store): OpenPositionReader {
  return (account, markets) => readOpenPositions(store, { account, markets });
}

/** Reads again only when `ledgerWrites()` or the markets changed since the last read. */
export function keptPositions(store: Store, ledgerWrites: () => number): OpenPositionReader {
  let kept:
    | { account: string; markets: readonly Market[]; writes: number; positions: OpenPosition[] }
    | undefined;
  return async (account, markets) => {
    const writes = ledgerWrites();
    if (kept?.account === account && kept.markets === markets && kept.writes === writes)
      return [...kept.positions];
    const positions = await readOpenPositions(store, { account, markets });
    // A write while reading may or may not be in what was read: keep it only when there was none.
    if (ledgerWrites() === writes) kept = { account, markets, writes, positions };
    return [...positions];
  };
}
