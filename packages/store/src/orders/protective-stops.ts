// The protective stops of an account: our exchange-resident STOP_LIMIT sells at the hard-stop level
// (trade_records with exit_reason PROTECTIVE_STOP). The sentinel's keeper keeps one per open position.
import { type OrderRecord, toOrderRecord } from '../records.js';
import { clientOf, type Store } from '../store.js';
import { WORKING_ORDER_STATUSES } from './working-statuses.js';

/** The account's protective stops still working (NEW to PENDING_CANCEL), oldest first. */
export async function readWorkingProtectiveStops(store: Store, account: string): Promise<OrderRecord[]> {
  const rows = await clientOf(store).tradeRecord.findMany({
    where: { account, exitReason: 'PROTECTIVE_STOP', status: { in: [...WORKING_ORDER_STATUSES] } },
    orderBy: [{ orderTime: 'asc' }, { clientOrderId: 'asc' }],
  });
  return rows.map(toOrderRecord);
}
