// The decision the alert processor takes for an accepted alert (ORDERED, BLOCKED or SKIPPED, with its
// reason code and the inputs of every rule that ran). The decision and the alert's PROCESSED status
// are written in one transaction: an alert is decided exactly once, and a retry finds the decision.
import type { Prisma } from '@hookline/db';
import type { OrderSide } from '@hookline/exchange';
import { type DecisionRecord, toDecisionRecord } from '../records.js';
import { toDbSide } from '../side.js';
import { clientOf, type Store } from '../store.js';

/** A decision on an alert, as the processor takes it. */
export interface AlertDecision {
  readonly alertId: string;
  /** A decision id fixed by the sender (sighook derives it from its idempotency key); else a new one. */
  readonly decisionId?: string | undefined;
  readonly account: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly intent: 'ENTRY' | 'EXIT';
  readonly outcome: 'ORDERED' | 'BLOCKED' | 'SKIPPED';
  readonly reasonCode: string;
  /** Plain JSON (decimals and instants as strings). */
  readonly ruleInputs: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
}

/** The first decision taken on the alert, if any. */
export async function findAlertDecision(store: Store, alertId: string): Promise<DecisionRecord | null> {
  const row = await clientOf(store).decision.findFirst({ where: { alertId }, orderBy: { createdAt: 'asc' } });
  return row === null ? null : toDecisionRecord(row);
}

/**
 * Stores the decision and marks its alert PROCESSED at `processedAt`, in one transaction; the
 * alert's reason becomes the decision's reason code unless the decision is ORDERED. Exactly one
 * decision per alert, even when two workers decide the same alert at once (a job run again after its
 * lock lapsed while the first run was still going): the alert row is claimed first, only while it is
 * ACCEPTED, so the second transaction waits for the first, finds the alert no longer ACCEPTED, stores
 * nothing and returns the decision the first one stored.
 */
export async function recordAlertDecision(
  store: Store,
  decision: AlertDecision,
  processedAt: Date,
): Promise<DecisionRecord> {
  const { alertId } = decision;
  const created = await clientOf(store).$transaction(async (tx) => {
    const claimed = await tx.alert.updateMany({
      where: { id: alertId, status: 'ACCEPTED' },
      data: {
        status: 'PROCESSED',
        processedAt,
        ...(decision.outcome === 'ORDERED' ? {} : { reason: decision.reasonCode }),
      },
    });
    if (claimed.count === 0) return null;
    return await tx.decision.create({
      data: {
        ...(decision.decisionId === undefined ? {} : { decisionId: decision.decisionId }),
        account: decision.account,
        symbol: decision.symbol,
        side: toDbSide(decision.side),
        intent: decision.intent,
        outcome: decision.outcome,
        reasonCode: decision.reasonCode,
        ruleInputs: decision.ruleInputs as Prisma.InputJsonObject,
        alertId,
        createdAt: decision.createdAt,
      },
    });
  });
  if (created !== null) return toDecisionRecord(created);
  const existing = await findAlertDecision(store, alertId);
  if (existing === null) {
    throw new Error(`alert ${alertId} is not ACCEPTED and has no decision: it cannot be decided`);
  }
  return existing;
}

/** An entry decided outside the alert path (the replay's entry file): no alert, ORDERED. */
export interface FileEntryDecision {
  readonly account: string;
  readonly symbol: string;
  /** Plain JSON (decimals and instants as strings). */
  readonly ruleInputs: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
}

/** Stores an ORDERED buy ENTRY decision that no alert asked for; returns it. */
export async function writeFileEntryDecision(
  store: Store,
  entry: FileEntryDecision,
): Promise<DecisionRecord> {
  const row = await clientOf(store).decision.create({
    data: {
      account: entry.account,
      symbol: entry.symbol,
      side: toDbSide('buy'),
      intent: 'ENTRY',
      outcome: 'ORDERED',
      reasonCode: 'ORDERED',
      ruleInputs: entry.ruleInputs as Prisma.InputJsonObject,
      createdAt: entry.createdAt,
    },
  });
  return toDecisionRecord(row);
}
