// An exit's state lives in the database, never in memory: its decision row (what was decided, the
// amount to sell, and once it is over its completion) and its trade_records rows (one per attempt,
// client order id derived from decision and attempt). A restarted process continues from here.
import { type Decimal, dec, type ExitReason } from '@hookline/core';
import type { Decision, Prisma, PrismaClient, TradeRecord } from '@hookline/db';
import { clientOrderIdOf } from '../../execution/order-intent.js';

/** Order statuses still working at the exchange (or possibly about to). */
export const WORKING_ORDER_STATUSES = [
  'NEW',
  'SUBMITTED',
  'OPEN',
  'PARTIALLY_FILLED',
  'PENDING_CANCEL',
] as const;

/** How an exit ended (stored as rule_inputs.completion on its decision). */
export type ExitOutcome = 'SOLD' | 'DUST' | 'NOTHING_AVAILABLE' | 'LADDER_EXHAUSTED';

/** An exit decision of this executor (rule_inputs.exit holds its plan). */
export interface StoredExit {
  readonly decisionId: string;
  readonly account: string;
  readonly symbol: string;
  readonly reason: ExitReason;
  /** The amount the exit set out to sell: min(available, position) on the step, at the start. */
  readonly target: Decimal;
  readonly completion: ExitCompletion | undefined;
}

/** What rule_inputs.completion says once the exit is over. */
export interface ExitCompletion {
  readonly outcome: ExitOutcome;
  readonly detail: string;
  readonly finishedAt: string;
}

/** One order of an exit with its attempt number (from its client order id). */
export interface ExitOrder {
  readonly attempt: number;
  readonly row: TradeRecord;
}

/** The exit decisions of the account (of one symbol when given) that are not over yet, oldest first. */
export async function loadActiveExits(
  prisma: PrismaClient,
  account: string,
  symbol?: string,
): Promise<StoredExit[]> {
  // Only this executor's exits carry rule_inputs.exit; a completion marks the end.
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
  return rows.map(storedExitOf);
}

/** The stored exit of a decision row; throws for a decision that is not one of this executor's exits. */
export function storedExitOf(decision: Decision): StoredExit {
  const inputs = decision.ruleInputs as { exit?: { amount?: string }; completion?: ExitCompletion } | null;
  const amount = inputs?.exit?.amount;
  if (decision.exitReason === null || amount === undefined) {
    throw new Error(`decision ${decision.decisionId} is not an exit of the exit executor`);
  }
  return {
    decisionId: decision.decisionId,
    account: decision.account,
    symbol: decision.symbol,
    reason: decision.exitReason,
    target: dec(amount),
    completion: inputs?.completion,
  };
}

/** The exit's orders by attempt (a row whose client order id is no attempt of the decision is left out). */
export async function loadExitOrders(prisma: PrismaClient, decisionId: string): Promise<ExitOrder[]> {
  const rows = await prisma.tradeRecord.findMany({ where: { decisionId } });
  // Attempts are written one after another from 0, so rows.length bounds the highest one.
  const attempts = new Map<string, number>();
  for (let attempt = 0; attempt <= rows.length; attempt += 1) {
    attempts.set(clientOrderIdOf({ decisionId, attempt }), attempt);
  }
  return rows
    .flatMap((row) => {
      const attempt = attempts.get(row.clientOrderId);
      return attempt === undefined ? [] : [{ attempt, row }];
    })
    .sort((a, b) => a.attempt - b.attempt);
}

/** Marks the exit over (idempotent: the first completion stays). */
export async function finishExit(
  prisma: PrismaClient,
  decisionId: string,
  completion: ExitCompletion,
): Promise<void> {
  const value = JSON.stringify(completion);
  await prisma.$executeRaw`
    UPDATE decisions SET rule_inputs = rule_inputs || jsonb_build_object('completion', ${value}::jsonb)
    WHERE decision_id = ${decisionId} AND rule_inputs -> 'completion' IS NULL`;
}

/** Rule inputs as Prisma's JSON input (they are plain JSON already; undefined values are dropped). */
export function jsonInputs(value: Record<string, unknown>): Prisma.InputJsonObject {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonObject;
}
