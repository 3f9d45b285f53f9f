// How the SQL of this package selects a decisions row: named as Prisma's model names it, so a row read
// by SQL and one read by Prisma go through the same toDecisionRecord.
import type { Decision } from '@hookline/db';

/** A decisions row as Prisma's model names it (DECISION_COLUMNS selects it so). */
export type DecisionRow = Decision;

/** The columns of a decisions row `d`, named as the Prisma model names them. */
export const DECISION_COLUMNS = `d.decision_id AS "decisionId", d.account, d.symbol, d.side, d.intent, d.outcome,
  d.reason_code AS "reasonCode", d.exit_reason AS "exitReason", d.rule_inputs AS "ruleInputs",
  d.alert_id AS "alertId", d.created_at AS "createdAt"`;

/** The first decision taken on the alert whose id is `alertId` (an SQL expression), as a subquery. */
export const firstDecisionOf = (alertId: string) =>
  `SELECT ${DECISION_COLUMNS} FROM decisions d WHERE d.alert_id = ${alertId} ORDER BY d.created_at LIMIT 1`;
