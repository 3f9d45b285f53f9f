// The read API's listings of our orders (trade_records) and the exchange's fills: newest first, paged
// by id (UUIDv7, so id order is time order). Also the one-order lookup by client order id.
import type { OrderStatus, Prisma } from '@hookline/db';
import { type FillRecord, type OrderRecord, toFillRecord, toOrderRecord } from '../records.js';
import { clientOf, type Store } from '../store.js';

/** Which orders to list; every filter is optional. */
export interface OrderListQuery {
  /** Only this account's rows. */
  readonly account?: string | undefined;
  readonly status?: OrderStatus | undefined;
  readonly symbol?: string | undefined;
  /** Only orders older than this id (the previous page's last one). */
  readonly before?: string | undefined;
  /** At most this many rows. */
  readonly limit: number;
}

/** Our orders matching every given filter, newest first (by id), `limit` at most. */
export async function listOrders(store: Store, query: OrderListQuery): Promise<OrderRecord[]> {
  const where: Prisma.TradeRecordWhereInput = {
    ...(query.account === undefined ? {} : { account: query.account }),
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.symbol === undefined ? {} : { symbol: query.symbol }),
    ...(query.before === undefined ? {} : { id: { lt: query.before } }),
  };
  const rows = await clientOf(store).tradeRecord.findMany({
    where,
    orderBy: { id: 'desc' },
    take: query.limit,
  });
  return rows.map(toOrderRecord);
}

/** Which fills to list; every filter is optional. */
export interface FillListQuery {
  /** Only this account's rows. */
  readonly account?: string | undefined;
  readonly symbol?: string | undefined;
  /** The exchange's order id. */
  readonly orderId?: string | undefined;
  /** Only fills older than this id (the previous page's last one). */
  readonly before?: string | undefined;
  /** At most this many rows. */
  readonly limit: number;
}

/** The fills matching every given filter, newest first (by id), `limit` at most. */
export async function listFills(store: Store, query: FillListQuery): Promise<FillRecord[]> {
  const where: Prisma.FillWhereInput = {
    ...(query.account === undefined ? {} : { account: query.account }),
    ...(query.symbol === undefined ? {} : { symbol: query.symbol }),
    ...(query.orderId === undefined ? {} : { orderId: query.orderId }),
    ...(query.before === undefined ? {} : { id: { lt: query.before } }),
  };
  const rows = await clientOf(store).fill.findMany({ where, orderBy: { id: 'desc' }, take: query.limit });
  return rows.map(toFillRecord);
}
