// Orders of ours that can still fill: a working BUY is a position on its way, so an entry check must
// count it like an open lot.
import { clientOf, type Store } from '../store.js';
import { WORKING_ORDER_STATUSES } from './working-statuses.js';

/** Whether the account has a BUY order on the symbol that can still fill (one indexed probe). */
export async function hasWorkingBuy(
  store: Store,
  query: { readonly account: string; readonly symbol: string },
): Promise<boolean> {
  const working = await clientOf(store).tradeRecord.findFirst({
    where: {
      account: query.account,
      symbol: query.symbol,
      side: 'BUY',
      status: { in: [...WORKING_ORDER_STATUSES] },
    },
    select: { id: true },
  });
  return working !== null;
}
