// The read API's listings of decisions and alerts: newest first, paged by id (UUIDv7, so id order is
// time order), with the filters an operator asks "why was this not bought?" with.
import type { AlertStatus, DecisionIntent, DecisionOutcome, Prisma } from '@hookline/db';
import { type AlertRecord, type DecisionRecord, toDecisionRecord } from '../records.js';
import { clientOf, type Store } from '../store.js';

/** Which decisions to list; every filter is optional. */
export interface DecisionListQuery {
  /** Only this account's rows. */
  readonly account?: string | undefined;
  readonly symbol?: string | undefined;
  readonly outcome?: DecisionOutcome | undefined;
  /** The reason code, e.g. BUY_GUARD_ACTIVE. */
  readonly reasonCode?: string | undefined;
  readonly intent?: DecisionIntent | undefined;
  readonly alertId?: string | undefined;
  /** Only decisions older than this decision id (the previous page's last one). */
  readonly before?: string | undefined;
  /** At most this many rows. */
  readonly limit: number;
}

/** The decisions matching every given filter, newest first (by decision id), `limit` at most. */
export async function listDecisions(store: Store, query: DecisionListQuery): Promise<DecisionRecord[]> {
  const where: Prisma.DecisionWhereInput = {
    ...(query.account === undefined ? {} : { account: query.account }),
    ...(query.symbol === undefined ? {} : { symbol: query.symbol }),
    ...(query.outcome === undefined ? {} : { outcome: query.outcome }),
    ...(query.reasonCode === undefined ? {} : { reasonCode: query.reasonCode }),
    ...(query.intent === undefined ? {} : { intent: query.intent }),
    ...(query.alertId === undefined ? {} : { alertId: query.alertId }),
    ...(query.before === undefined ? {} : { decisionId: { lt: query.before } }),
  };
  const rows = await clientOf(store).decision.findMany({
    where,
    orderBy: { decisionId: 'desc' },
    take: query.limit,
  });
  return rows.map(toDecisionRecord);
}

/** Which alerts to list. */
export interface AlertListQuery {
  /** Only this account's alerts. */
  readonly account?: string | undefined;
  readonly status?: AlertStatus | undefined;
  /** Only alerts older than this alert id (the previous page's last one). */
  readonly before?: string | undefined;
  /** At most this many rows. */
  readonly limit: number;
}

/** The alerts, accepted or not, newest first (by id), `limit` at most. */
export async function listAlerts(store: Store, query: AlertListQuery): Promise<AlertRecord[]> {
  const where: Prisma.AlertWhereInput = {
    ...(query.account === undefined ? {} : { account: query.account }),
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.before === undefined ? {} : { id: { lt: query.before } }),
  };
  return await clientOf(store).alert.findMany({ where, orderBy: { id: 'desc' }, take: query.limit });
}
