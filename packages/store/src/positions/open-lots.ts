// The open FIFO lots of one position (the open_lots view): what the dashboard's position page lists.
import { clientOf, type Store } from '../store.js';

/** One open lot: a buy fill with what remains of it. Decimals as exact text. */
export interface OpenLot {
  readonly buyFillId: string;
  readonly buyTime: Date;
  readonly buyPrice: string;
  readonly lotSize: string;
  readonly remainingSize: string;
  readonly remainingCostUsd: string;
}

/** The open lots of `symbol` in `account`, oldest first (the order FIFO sells them in). */
export async function readOpenLots(
  store: Store,
  query: { readonly account: string; readonly symbol: string },
): Promise<OpenLot[]> {
  return await clientOf(store).$queryRaw<OpenLot[]>`
    SELECT buy_fill_id AS "buyFillId", buy_time AS "buyTime", buy_price::text AS "buyPrice",
           lot_size::text AS "lotSize", remaining_size::text AS "remainingSize",
           remaining_cost_basis_usd::text AS "remainingCostUsd"
    FROM open_lots WHERE account = ${query.account} AND symbol = ${query.symbol}
    ORDER BY buy_time, buy_fill_id`;
}
