// The open positions a sweep reads, kept between sweeps while the account's ledger has not changed.
// The positions are the account's open FIFO lots, and every transaction that writes its fills,
// allocations or transfers bumps its ledger version (ledger_versions, kept by triggers in that
// transaction, whoever writes: this process, another replica, an import). The version is read first:
// a change committed while the positions are being read shows as a new version at the next sweep,
// never as kept positions that miss it. Another market list reads again too (it decides dust and the
// base asset). Where this process is the account's only writer (a backtest's own database), its fill
// recorder's count of writes (FillRecorder.writes) stands for the version: nothing is read to learn it.
import type { Market } from '@hookline/exchange';
import { type OpenPosition, readLedgerVersion, readOpenPositions, type Store } from '@hookline/store';

/** Reads the account's open positions. */
export type OpenPositionReader = (account: string, markets: readonly Market[]) => Promise<OpenPosition[]>;

/**
 * Reads the positions again only when the account's ledger version or the markets changed.
 * `ledgerWrites`: a sole writer's count of its own ledger writes, instead of ledger_versions.
 */
export function keptPositions(store: Store, ledgerWrites?: () => number): OpenPositionReader {
  const versionOf = async (account: string): Promise<string> =>
    ledgerWrites === undefined ? await readLedgerVersion(store, account) : `writes:${ledgerWrites()}`;
  let kept:
    | { account: string; markets: readonly Market[]; version: string; positions: OpenPosition[] }
    | undefined;
  return async (account, markets) => {
    const version = await versionOf(account);
    if (kept?.account === account && kept.markets === markets && kept.version === version)
      return [...kept.positions];
    const positions = await readOpenPositions(store, { account, markets });
    kept = { account, markets, version, positions };
    return [...positions];
  };
}
