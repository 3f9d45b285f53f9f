// The decision the alert processor takes for an accepted alert (ORDERED, BLOCKED or SKIPPED, with its
// reason code and the inputs of every rule that ran). The decision and the alert's PROCESSED status
// are written by one statement: an alert is decided exactly once, and a retry finds the decision.
// These run once per alert on the hot path, so they are SQL on the pg pool (queryRows), not Prisma.
import type { Prisma } from '@hookline/db';
import type { OrderSide } from '@hookline/exchange';
import { type OrderIntent, orderIntentInsert } from '../orders/order-intents.js';
import { type AlertRecord, type DecisionRecord, toDecisionRecord } from '../records.js';
import { toDbSide } from '../side.js';
import { clientOf, newRowId, queryRows, type Store } from '../store.js';
import { DECISION_COLUMNS, type DecisionRow, firstDecisionOf } from './decision-columns.js';

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
  const [row] = await queryRows<DecisionRow>(store, firstDecisionOf('$1'), [alertId]);
  return row === undefined ? null : toDecisionRecord(row);
}

/** What deciding an alert reads of it: its row's fields and the decision already taken, if any. */
export interface AlertToDecide {
  readonly id: string;
  readonly account: string;
  readonly source: AlertRecord['source'];
  readonly parsedPayload: AlertRecord['parsedPayload'];
  readonly receivedAt: Date;
  readonly decision: DecisionRecord | null;
}

/** The alert and its first decision, in one statement; null when there is no such alert. */
export async function readAlertToDecide(store: Store, alertId: string): Promise<AlertToDecide | null> {
  const [row] = await queryRows<
    Pick<AlertToDecide, 'id' | 'account' | 'source' | 'parsedPayload' | 'receivedAt'> & {
      decision: DecisionRow | null;
    }
  >(
    store,
    `SELECT a.id, a.account, a.source, a.parsed_payload AS "parsedPayload", a.received_at AS "receivedAt",
       (SELECT to_jsonb(first) FROM (${firstDecisionOf('a.id')}) first) AS decision
     FROM alerts a WHERE a.id = $1`,
    [alertId],
  );
  if (row === undefined) return null;
  const { decision, ...alert } = row;
  return { ...alert, decision: decision === null ? null : toDecisionRecord(decisionFromJson(decision)) };
}

// A decisions row that came back as JSON: its instant is text there.
function decisionFromJson(row: DecisionRow): DecisionRow {
  return { ...row, createdAt: new Date(row.createdAt as unknown as string) };
}

/**
 * Stores the decision and marks its alert PROCESSED at `processedAt`, in one statement; the alert's
 * reason becomes the decision's reason code unless the decision is ORDERED. Exactly one decision per
 * alert, even when two workers decide the same alert at once (a job run again after its lock lapsed
 * while the first run was still going): the alert row is claimed first, only while it is ACCEPTED,
 * so the second statement waits for the first, finds the alert no longer ACCEPTED, stores nothing
 * and returns the decision the first one stored.
 *
 * An ORDERED entry passes its order: its intent (the NEW trade_records row, orderIntentInsert) is
 * written by the same statement, only when the decision is. So no ORDERED decision is ever without
 * its order row, not even for a moment or after a crash: the next entry's gate, which counts the
 * account's working orders, always sees it.
 */
export async function recordAlertDecision(
  store: Store,
  decision: AlertDecision,
  processedAt: Date,
  order?: Omit<OrderIntent, 'decisionId'>,
): Promise<DecisionRecord> {
  const { alertId } = decision;
  const decisionId = decision.decisionId ?? newRowId(store);
  const parameters: unknown[] = [
    alertId,
    processedAt,
    decision.outcome === 'ORDERED' ? null : decision.reasonCode,
    decisionId,
    decision.account,
    decision.symbol,
    toDbSide(decision.side),
    decision.intent,
    decision.outcome,
    decision.reasonCode,
    JSON.stringify(decision.ruleInputs),
    decision.createdAt,
  ];
  const intent =
    order === undefined
      ? undefined
      : orderIntentInsert(store, { ...order, decisionId }, decision.createdAt, parameters);
  const [created] = await queryRows<DecisionRow>(
    store,
    `WITH claimed AS (
       UPDATE alerts SET status = 'PROCESSED', processed_at = $2, reason = COALESCE($3, reason), updated_at = now()
       WHERE id = $1 AND status = 'ACCEPTED'
       RETURNING id),
     decided AS (
       INSERT INTO decisions AS d (decision_id, account, symbol, side, intent, outcome, reason_code, rule_inputs,
         alert_id, created_at)
       SELECT $4, $5, $6, $7::side, $8::decision_intent, $9::decision_outcome, $10, $11::jsonb, claimed.id, $12
       FROM claimed
       RETURNING d.*)${
         intent === undefined
           ? ''
           : `,
     ordered AS (
       INSERT INTO trade_records (${intent.columns})
       SELECT ${intent.values} FROM decided
       ON CONFLICT DO NOTHING)`
       }
     SELECT ${DECISION_COLUMNS} FROM decided d`,
    parameters,
  );
  if (created !== undefined) return toDecisionRecord(created);
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
