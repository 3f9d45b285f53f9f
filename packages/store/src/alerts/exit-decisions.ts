// The decisions the exits write and read (intent EXIT, side SELL): one per exit the executor starts
// (ORDERED, its plan in rule_inputs.exit, its end in rule_inputs.completion) or refuses
// (BLOCKED/SKIPPED), the sentinel's "why not sold" rows, and the position cap's HALT. An exit's
// state lives in these rows and in its orders, never in memory, so a restarted process resumes it.
import type { ExitReason } from '@hookline/core';
import type { DecisionOutcome, Prisma } from '@hookline/db';
import { type DecisionRecord, toDecisionRecord } from '../records.js';
import { clientOf, newRowId, queryRows, type Store } from '../store.js';
import { DECISION_COLUMNS, type DecisionRow, firstDecisionOf } from './decision-columns.js';

/** One exit decision to write (side SELL, intent EXIT). */
export interface ExitDecisionWrite {
  readonly account: string;
  /** The position's symbol (`*` for a decision about every position, such as the cap's HALT). */
  readonly symbol: string;
  readonly outcome: DecisionOutcome;
  /** The exit reason when ORDERED, otherwise why it was not taken. */
  readonly reasonCode: string;
  /** The exit rule that fired or would have; null when none did (stale data, an error). */
  readonly exitReason: ExitReason | null;
  /** Plain JSON: what the decision looked at. */
  readonly ruleInputs: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
}

/**
 * Writes one exit decision and returns it (its id ties the exit's orders to it). By SQL, as every
 * single exit decision here: a lock holder's store (withAccountLock) writes it on the lock's session.
 */
export async function writeExitDecision(store: Store, decision: ExitDecisionWrite): Promise<DecisionRecord> {
  const parameters = exitDecisionParameters(store, decision);
  const [row] = await queryRows<DecisionRow>(
    store,
    `INSERT INTO decisions AS d (${EXIT_DECISION_INSERT}) VALUES (${EXIT_DECISION_VALUES})
     RETURNING ${DECISION_COLUMNS}`,
    parameters,
  );
  if (row === undefined) throw new Error('the exit decision was not written');
  return toDecisionRecord(row);
}

/** An exit decision that answers an alert (a user's sell or exit): it is the alert's one decision. */
export interface AlertExitDecisionWrite extends ExitDecisionWrite {
  readonly alertId: string;
  /** A decision id fixed by the sender (sighook derives it from its idempotency key); else a new one. */
  readonly decisionId?: string | undefined;
}

/** The alert's decision, and whether this call wrote it (false: another run had already decided it). */
export interface AlertExitDecisionResult {
  readonly decision: DecisionRecord;
  readonly written: boolean;
}

/**
 * Writes the exit decision of an alert and marks the alert PROCESSED in one statement, like
 * recordAlertDecision: the alert row is claimed only while ACCEPTED, so when two runs of the alert's
 * job decide at once the second stores nothing and gets the first one's decision (written: false).
 */
export async function writeAlertExitDecision(
  store: Store,
  decision: AlertExitDecisionWrite,
): Promise<AlertExitDecisionResult> {
  const { alertId } = decision;
  const parameters = [
    ...exitDecisionParameters(store, decision),
    alertId,
    decision.outcome === 'ORDERED' ? null : decision.reasonCode,
  ];
  const [created] = await queryRows<DecisionRow>(
    store,
    `WITH claimed AS (
       UPDATE alerts SET status = 'PROCESSED', processed_at = $8, reason = COALESCE($10, reason), updated_at = now()
       WHERE id = $9 AND status = 'ACCEPTED'
       RETURNING id)
     INSERT INTO decisions AS d (${EXIT_DECISION_INSERT}, alert_id)
     SELECT ${EXIT_DECISION_VALUES}, claimed.id FROM claimed
     RETURNING ${DECISION_COLUMNS}`,
    parameters,
  );
  if (created !== undefined) return { decision: toDecisionRecord(created), written: true };
  const [existing] = await queryRows<DecisionRow>(store, firstDecisionOf('$1'), [alertId]);
  if (existing === undefined) {
    throw new Error(`alert ${alertId} is not ACCEPTED and has no decision: it cannot be decided`);
  }
  return { decision: toDecisionRecord(existing), written: false };
}

/** Writes several exit decisions in one statement; returns how many were written. */
export async function writeExitDecisions(
  store: Store,
  decisions: readonly ExitDecisionWrite[],
): Promise<number> {
  const written = await clientOf(store).decision.createMany({ data: decisions.map(exitDecisionRow) });
  return written.count;
}

/**
 * The exit decisions of the account (of one symbol when given) that are not over yet, oldest first:
 * ORDERED with a plan (rule_inputs.exit, which only the exit executor writes) and no completion.
 */
export async function readActiveExitDecisions(
  store: Store,
  account: string,
  symbol?: string,
): Promise<DecisionRecord[]> {
  const prisma = clientOf(store);
  const ids = await prisma.$queryRaw<Array<{ decision_id: string }>>`
    SELECT decision_id FROM decisions
    WHERE account = ${account} AND intent = 'EXIT' AND outcome = 'ORDERED'
      AND (${symbol ?? null}::text IS NULL OR symbol = ${symbol ?? null}::text)
      AND rule_inputs -> 'exit' IS NOT NULL AND rule_inputs -> 'completion' IS NULL
    ORDER BY created_at, decision_id`;
  if (ids.length === 0) return [];
  const rows = await prisma.decision.findMany({
    where: { decisionId: { in: ids.map((row) => row.decision_id) } },
    orderBy: [{ createdAt: 'asc' }, { decisionId: 'asc' }],
  });
  return rows.map(toDecisionRecord);
}

/** One decision by its id; throws when there is none. */
export async function readExitDecision(store: Store, decisionId: string): Promise<DecisionRecord> {
  const row = await clientOf(store).decision.findUniqueOrThrow({ where: { decisionId } });
  return toDecisionRecord(row);
}

/**
 * Marks the exit over by adding `completion` to its rule_inputs. Idempotent: the first completion
 * stays. True when this call completed it.
 */
export async function completeExitDecision(
  store: Store,
  decisionId: string,
  completion: Readonly<Record<string, unknown>>,
): Promise<boolean> {
  const value = JSON.stringify(completion);
  const updated = await clientOf(store).$executeRaw`
    UPDATE decisions SET rule_inputs = rule_inputs || jsonb_build_object('completion', ${value}::jsonb)
    WHERE decision_id = ${decisionId} AND rule_inputs -> 'completion' IS NULL`;
  return updated === 1;
}

// The columns an exit decision is inserted with, and their values ($1 … $8, exitDecisionParameters).
const EXIT_DECISION_INSERT =
  'decision_id, account, symbol, side, intent, outcome, reason_code, exit_reason, rule_inputs, created_at';
const EXIT_DECISION_VALUES = `$1, $2, $3, 'SELL'::side, 'EXIT'::decision_intent, $4::decision_outcome, $5, $6::exit_reason, $7::jsonb, $8`;

function exitDecisionParameters(
  store: Store,
  decision: ExitDecisionWrite & { readonly decisionId?: string | undefined },
): unknown[] {
  return [
    decision.decisionId ?? newRowId(store),
    decision.account,
    decision.symbol,
    decision.outcome,
    decision.reasonCode,
    decision.exitReason,
    JSON.stringify(decision.ruleInputs),
    decision.createdAt,
  ];
}

function exitDecisionRow(decision: ExitDecisionWrite): Prisma.DecisionCreateManyInput {
  return {
    account: decision.account,
    symbol: decision.symbol,
    side: 'SELL',
    intent: 'EXIT',
    outcome: decision.outcome,
    reasonCode: decision.reasonCode,
    exitReason: decision.exitReason,
    ruleInputs: decision.ruleInputs as Prisma.InputJsonObject,
    createdAt: decision.createdAt,
  };
}
