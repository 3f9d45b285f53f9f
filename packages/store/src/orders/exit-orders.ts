import { type OrderRecord, toOrderRecord } from '../records.js';
import { clientOf, type Store } from '../store.js';
import { WORKING_ORDER_STATUSES } from './working-statuses.js';

/** Which working orders to read. */
export interface WorkingOrdersQuery {
  readonly account: string;
  readonly symbol: string;
}

/** Every order of a decision (an exit's attempts), in no particular order. */
export async function readExitOrders(store: Store, decisionId: string): Promise<OrderRecord[]> {
  const rows = await clientOf(store).tradeRecord.findMany({ where: { decisionId } });
  return rows.map(toOrderRecord);
}

/** Our working sells on the symbol (what the exit risk gate counts as open orders). */
export async function readWorkingSells(store: Store, query: WorkingOrdersQuery): Promise<OrderRecord[]> {
  const rows = await clientOf(store).tradeRecord.findMany({
    where: {
      account: query.account,
      symbol: query.symbol,
      side: 'SELL',
      status: { in: [...WORKING_ORDER_STATUSES] },
    },
  });
  return rows.map(toOrderRecord);
}

/** Every working order of ours on the symbol, entries included, oldest first. */
export async function readWorkingOrdersOnSymbol(
  store: Store,
  query: WorkingOrdersQuery,
): Promise<OrderRecord[]> {
  const rows = await clientOf(store).tradeRecord.findMany({
    where: { account: query.account, symbol: query.symbol, status: { in: [...WORKING_ORDER_STATUSES] } },
    orderBy: { orderTime: 'asc' },
  });
  return rows.map(toOrderRecord);
}
