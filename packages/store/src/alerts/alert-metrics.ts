// The alert and decision counts the metrics report at scrape time (the database is the truth every
// replica shares, so each replica reports the same totals).
import { clientOf, type Store } from '../store.js';

/** How many alerts of the account are stored, by status. */
export async function countAlertsByStatus(
  store: Store,
  account: string,
): Promise<{ readonly status: string; readonly count: number }[]> {
  const groups = await clientOf(store).alert.groupBy({
    by: ['status'],
    where: { account },
    _count: { _all: true },
  });
  return groups.map((group) => ({ status: group.status, count: group._count._all }));
}

/** How many decisions of the account are stored, by outcome and reason code. */
export async function countDecisionsByOutcome(
  store: Store,
  account: string,
): Promise<{ readonly outcome: string; readonly reasonCode: string; readonly count: number }[]> {
  const groups = await clientOf(store).decision.groupBy({
    by: ['outcome', 'reasonCode'],
    where: { account },
    _count: { _all: true },
  });
  return groups.map((group) => ({
    outcome: group.outcome,
    reasonCode: group.reasonCode,
    count: group._count._all,
  }));
}
