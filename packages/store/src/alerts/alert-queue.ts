// Accepted alerts on their way to a decision: the alert.process job reads its alert and marks it
// FAILED after its last attempt, and the recovery sweeper pages through ACCEPTED alerts whose
// hand-off to the queue was lost or whose job ended without a decision.
import type { ReasonCode } from '@hookline/core';
import type { AlertRecord } from '../records.js';
import { clientOf, type Store } from '../store.js';

/** The alert with this id, or null. */
export async function findAlert(store: Store, alertId: string): Promise<AlertRecord | null> {
  return await clientOf(store).alert.findUnique({ where: { id: alertId } });
}

/**
 * Marks the alert FAILED with the reason (a reason code: it is served by the API), if it is still ACCEPTED (a decided alert keeps its status).
 */
export async function markAlertFailed(
  store: Store,
  alertId: string,
  reason: ReasonCode,
  at: Date,
): Promise<void> {
  await clientOf(store).alert.updateMany({
    where: { id: alertId, status: 'ACCEPTED' },
    data: { status: 'FAILED', reason, processedAt: at },
  });
}

/** Where a page of stale alerts starts: after this alert, in (receivedAt, id) order. */
export interface AlertCursor {
  readonly receivedAt: Date;
  readonly id: string;
}

/** One ACCEPTED alert waiting for its decision. */
export interface StaleAlert {
  readonly id: string;
  readonly receivedAt: Date;
}

/**
 * One page of the account's ACCEPTED alerts received before `receivedBefore`, oldest first in (receivedAt, id)
 * order, starting after `after` (a keyset cursor: pass the last alert of the previous page). Paging
 * to the end reaches every stale alert, however many older ones are stuck ahead of it.
 */
export async function readStaleAcceptedAlerts(
  store: Store,
  query: {
    /** Only this account's alerts: another account's deployment re-drives its own. */
    readonly account: string;
    readonly receivedBefore: Date;
    readonly after?: AlertCursor | undefined;
    readonly limit: number;
  },
): Promise<StaleAlert[]> {
  const { after } = query;
  // Served by the index on (account, status, received_at, id).
  return await clientOf(store).alert.findMany({
    where: {
      account: query.account,
      status: 'ACCEPTED',
      receivedAt: { lt: query.receivedBefore },
      ...(after === undefined
        ? {}
        : {
            OR: [
              { receivedAt: { gt: after.receivedAt } },
              { receivedAt: after.receivedAt, id: { gt: after.id } },
            ],
          }),
    },
    orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
    take: query.limit,
    select: { id: true, receivedAt: true },
  });
}
