import { ZERO } from '@hookline/core';
import { type LedgerOptions, ledgerStateFromRows } from '@hookline/ledger';
import { readAccountLedger, type Store } from '@hookline/store';
import type { LedgerHolding } from './holdings-check.js';

/**
 * The open quantity per asset of an account: the remaining size of its open FIFO lots, rebuilt from
 * the stored fills and allocations (a position is its open lots; there is no positions table).
 */
export async function loadLedgerHoldings(
  store: Store,
  account: string,
  ledger: LedgerOptions,
): Promise<LedgerHolding[]> {
  const stored = await readAccountLedger(store, account);
  const { lots } = ledgerStateFromRows(stored.fills, stored.allocations, ledger);
  const byAsset = new Map<string, LedgerHolding>();
  for (const lot of lots) {
    if (lot.account !== account) continue;
    const previous = byAsset.get(lot.asset);
    byAsset.set(lot.asset, {
      asset: lot.asset,
      symbol: previous?.symbol ?? lot.symbol,
      quantity: (previous?.quantity ?? ZERO).plus(lot.remainingSize),
    });
  }
  return [...byAsset.values()];
}
