// Accepted alerts on their way to a decision: the alert.process job reads its alert and marks it
// FAILED after its last attempt, and the sweeper finds ACCEPTED alerts whose hand-off to the queue
// was lost.
import type { AlertRecord } from '../records.js';
import { clientOf, type Store } from '../store.js';

/** The alert with this id, or null. */
export async function findAlert(store: Store, alertId: string): Promise<AlertRecord | null> {
  return await clientOf(store).alert.findUnique({ where: { id: alertId } });
}

/**
 * Marks the alert FAILED with the reason, if it is still ACCEPTED (a decided alert keeps its status).
 */
export async function markAlertFailed(
  store: Store,
  alertId: string,
  reason: string,
  at: Date,
): Promise<void> {
  await clientOf(store).alert.updateMany({
    where: { id: alertId, status: 'ACCEPTED' },
    data: { status: 'FAILED', reason, processedAt: at },
  });
}

/** The ids of up to `limit` ACCEPTED alerts received before `receivedBefore`, oldest first. */
export async function readStaleAcceptedAlertIds(
  store: Store,
  query: { readonly receivedBefore: Date; readonly limit: number },
): Promise<string[]> {
  const stale = await clientOf(store).alert.findMany({
    where: { status: 'ACCEPTED', receivedAt: { lt: query.receivedBefore } },
    orderBy: { receivedAt: 'asc' },
    take: query.limit,
    select: { id: true },
  });
  return stale.map(({ id }) => id);
}
