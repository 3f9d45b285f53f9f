// Our entries (buys from alerts and sighook) still on their way: an intent not yet sent (NEW), a send
// whose outcome is not settled (SUBMITTED) and an order working at the exchange (OPEN, PARTIALLY_FILLED).
// The recovery sweeper pages through them to re-drive what a crash or an outage left behind. Exits are
// not here: the exit sentinel drives its own orders every sweep.
import type { OrderStatus } from '@hookline/core';
import { type OrderRecord, toOrderRecord } from '../records.js';
import { clientOf, type Store } from '../store.js';

/** The statuses of an entry that is still on its way (never sent, unsettled, or working). */
export const entryInFlightStatuses: readonly OrderStatus[] = ['NEW', 'SUBMITTED', 'OPEN', 'PARTIALLY_FILLED'];

/** Where a page of orders starts: after this order, in (orderTime, id) order. */
export interface OrderCursor {
  readonly orderTime: Date;
  readonly id: string;
}

/** Which entries to page through. */
export interface EntriesInFlightQuery {
  readonly account: string;
  readonly exchange: string;
  /** Only intents written before this instant (younger ones are still on their normal path). */
  readonly orderedBefore: Date;
  /** The last order of the previous page (keyset cursor); undefined for the first page. */
  readonly after?: OrderCursor | undefined;
  readonly limit: number;
}

/**
 * One page of the account's entries (BUY, trigger ALERT or SIGNAL) in a status of
 * `entryInFlightStatuses`, written before `orderedBefore`, oldest first in (orderTime, id) order.
 */
export async function readEntriesInFlight(store: Store, query: EntriesInFlightQuery): Promise<OrderRecord[]> {
  const { after } = query;
  const rows = await clientOf(store).tradeRecord.findMany({
    where: {
      account: query.account,
      exchange: query.exchange,
      side: 'BUY',
      trigger: { in: ['ALERT', 'SIGNAL'] },
      status: { in: [...entryInFlightStatuses] },
      orderTime: { lt: query.orderedBefore },
      ...(after === undefined
        ? {}
        : {
            OR: [
              { orderTime: { gt: after.orderTime } },
              { orderTime: after.orderTime, id: { gt: after.id } },
            ],
          }),
    },
    orderBy: [{ orderTime: 'asc' }, { id: 'asc' }],
    take: query.limit,
  });
  return rows.map(toOrderRecord);
}
