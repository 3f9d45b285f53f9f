// A page of exchange fills into the ledger through its one write path (store's recordExchangeFills,
// i.e. ledger-store's recordFills), as REST fills of history: the fills unique key (account,
// exchange, trade id) makes a fill already recorded live, by a CSV import or by an earlier sync a
// duplicate, not a new row.
import type { Clock } from '@hookline/core';
import type { Fill } from '@hookline/exchange';
import type { LedgerOptions } from '@hookline/ledger';
import {
  type FillScope,
  linkFillsToOrders,
  type NewFill,
  type RecordFillsResult,
  recordExchangeFills,
  type Store,
} from '@hookline/store';

/** Records one page of fills of the scope in one transaction. */
export async function recordSyncedFills(
  store: Store,
  scope: FillScope,
  fills: readonly Fill[],
  options: { readonly clock: Clock; readonly ledger: LedgerOptions },
): Promise<RecordFillsResult> {
  await linkFillsToOrders(store, scope, fills);
  const receivedAt = options.clock.now();
  const rows: NewFill[] = fills.map((fill) => ({
    account: scope.account,
    exchange: scope.exchange,
    tradeId: fill.tradeId,
    orderId: fill.orderId,
    clientOrderId: fill.clientOrderId ?? null,
    symbol: fill.symbol,
    side: fill.side,
    price: fill.price,
    size: fill.amount,
    fee: fill.fee,
    feeCurrency: fill.feeCurrency,
    liquidity: fill.liquidity,
    executedAt: fill.executedAt,
    receivedAt,
    ingestVia: 'REST',
  }));
  // Orders of the history we never placed are recorded as imported, as a CSV import does.
  return await recordExchangeFills(store, rows, { unknownOrderOrigin: 'IMPORT', ledger: options.ledger });
}
