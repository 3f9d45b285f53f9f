// The stored ledger of one account (its fills and FIFO allocations, in the engine's shapes), read
// through ledger-store: the reconciler rebuilds the open lots from it and compares them with the
// exchange's balances.
import type { Allocation, LedgerFill } from '@hookline/ledger';
import { loadStoredLedger } from '@hookline/ledger-store';
import { clientOf, type Store } from '../store.js';

/** The account's stored fills (execution order) and allocations. */
export async function readAccountLedger(
  store: Store,
  account: string,
): Promise<{ readonly fills: LedgerFill[]; readonly allocations: Allocation[] }> {
  const { fills, allocations } = await loadStoredLedger(clientOf(store), { account });
  return { fills, allocations };
}
