// The order counts and fill timings the metrics read at scrape time.
import { clientOf, type Store } from '../store.js';

/** How many orders (trade_records) of the account there are, by status. */
export async function countOrdersByStatus(
  store: Store,
  account: string,
): Promise<{ readonly status: string; readonly count: number }[]> {
  const groups = await clientOf(store).tradeRecord.groupBy({
    by: ['status'],
    where: { account },
    _count: { _all: true },
  });
  return groups.map((group) => ({ status: group.status, count: group._count._all }));
}

/** When a fill was executed and when it reached us, with its arrival sequence. */
export interface FillTiming {
  readonly arrivalSeq: bigint;
  readonly executedAt: Date;
  readonly receivedAt: Date;
}

/** Up to `limit` fills of the account recorded after arrival sequence `after`, in arrival order. */
export async function readFillTimingsAfter(
  store: Store,
  account: string,
  after: bigint,
  limit: number,
): Promise<FillTiming[]> {
  return await clientOf(store).fill.findMany({
    where: { account, arrivalSeq: { gt: after } },
    orderBy: { arrivalSeq: 'asc' },
    take: limit,
    select: { arrivalSeq: true, executedAt: true, receivedAt: true },
  });
}
