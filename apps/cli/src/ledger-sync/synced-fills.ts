// A page of exchange fills into the ledger through its one write path (store's recordExchangeFillPage,
// i.e. ledger-store's recordFills), as REST fills of history: the fills unique key (account,
// exchange, trade id) makes a fill already recorded live, by a CSV import or by an earlier sync a
// duplicate, not a new row.
import type { Clock, Decimal } from '@hookline/core';
import type { Fill } from '@hookline/exchange';
import type { LedgerOptions } from '@hookline/ledger';
import { type FillScope, type RecordFillsResult, recordExchangeFillPage, type Store } from '@hookline/store';

/** Records one page of fills of the scope in one transaction. */
export async function recordSyncedFills(
  store: Store,
  scope: FillScope,
  fills: readonly Fill[],
  options: {
    readonly clock: Clock;
    readonly ledger: LedgerOptions;
    /** USD values of third-asset fees, by trade id. */
    readonly feeUsd: ReadonlyMap<string, Decimal>;
  },
): Promise<RecordFillsResult> {
  // Orders of the history we never placed are recorded as imported, as a CSV import does.
  return await recordExchangeFillPage(store, scope, fills, {
    receivedAt: options.clock.now(),
    via: 'REST',
    unknownOrderOrigin: 'IMPORT',
    ledger: options.ledger,
    feeUsd: options.feeUsd,
  });
}
