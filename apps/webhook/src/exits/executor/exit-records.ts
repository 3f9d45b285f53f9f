// An exit's state lives in the database, never in memory: its decision row (what was decided, the
// amount to sell, and once it is over its completion) and its trade_records rows (one per attempt,
// client order id derived from decision and attempt). A restarted process continues from here.
// The exits table is the exit's record for people (GET /api/exits): written from the decision when
// the exit starts and closed when it ends.
import { type Decimal, dec, type ExitReason } from '@hookline/core';
import {
  clientOrderIdOf,
  completeExitDecision,
  type DecisionRecord,
  type ExitStartWrite,
  type ExitTrigger,
  type OrderRecord,
  readActiveExitDecisions,
  readExitDecision,
  readExitOrders,
  recordExitFinish,
  recordExitStart,
  type Store,
} from '@hookline/store';

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
  /**
   * The exit's reference price: the bid when it started (rule_inputs.exit.referencePrice; an exit
   * started before it was stored falls back to the quote its decision recorded). The floor below
   * which it never sells is measured from it.
   */
  readonly reference: Decimal;
  /** Set while the exit is held at its price cap (rule_inputs.priceCap): since when, and its decision. */
  readonly priceCap: ExitPriceCapMark | undefined;
  readonly completion: ExitCompletion | undefined;
}

/** The mark of a waiting episode on the exit's decision. */
export interface ExitPriceCapMark {
  readonly since: string;
  readonly decisionId?: string;
}

/** What rule_inputs.completion says once the exit is over. */
export type ExitCompletion = {
  readonly outcome: ExitOutcome;
  readonly detail: string;
  readonly finishedAt: string;
};

/** The parts of an exit decision's rule_inputs this module reads. */
interface StoredInputs {
  readonly exit?: { readonly amount?: string; readonly referencePrice?: string };
  readonly quote?: { readonly bid?: string } | null;
  readonly priceCap?: ExitPriceCapMark | null;
  readonly completion?: ExitCompletion;
}

/** One order of an exit with its attempt number (from its client order id). */
export interface ExitOrder {
  readonly attempt: number;
  readonly row: OrderRecord;
}

/** The exit decisions of the account (of one symbol when given) that are not over yet, oldest first. */
export async function loadActiveExits(store: Store, account: string, symbol?: string): Promise<StoredExit[]> {
  // Only this executor's exits carry rule_inputs.exit; a completion marks the end.
  return (await readActiveExitDecisions(store, account, symbol)).map(storedExitOf);
}

/** The stored exit of a decision row; throws for a decision that is not one of this executor's exits. */
export function storedExitOf(decision: DecisionRecord): StoredExit {
  const inputs = decision.ruleInputs as StoredInputs | null;
  const amount = inputs?.exit?.amount;
  if (decision.exitReason === null || amount === undefined) {
    throw new Error(`decision ${decision.decisionId} is not an exit of the exit executor`);
  }
  const reference = inputs?.exit?.referencePrice ?? inputs?.quote?.bid;
  if (reference === undefined) {
    throw new Error(`exit decision ${decision.decisionId} records no reference price (exit.referencePrice)`);
  }
  return {
    decisionId: decision.decisionId,
    account: decision.account,
    symbol: decision.symbol,
    reason: decision.exitReason,
    target: dec(amount),
    reference: dec(reference),
    priceCap: inputs?.priceCap ?? undefined,
    completion: inputs?.completion,
  };
}

/** The exit's orders by attempt (a row whose client order id is no attempt of the decision is left out). */
export async function loadExitOrders(store: Store, decisionId: string): Promise<ExitOrder[]> {
  const rows = await readExitOrders(store, decisionId);
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

/** Marks the exit over on its decision and in the exits table (idempotent: the first completion stays). */
export async function finishExit(
  store: Store,
  decisionId: string,
  completion: ExitCompletion,
): Promise<void> {
  await completeExitDecision(store, decisionId, completion);
  const finish = {
    outcome: completion.outcome,
    detail: completion.detail,
    finishedAt: new Date(completion.finishedAt),
  };
  if (await recordExitFinish(store, decisionId, finish)) return;
  // No open row: closed already, or the process stopped between the decision and its exits row.
  if (await recordExitStart(store, exitStartOf(await readExitDecision(store, decisionId)))) {
    await recordExitFinish(store, decisionId, finish);
  }
}

/** Writes the exits row of an exit that just started (its ORDERED decision); a repeat changes nothing. */
export async function recordExitStarted(store: Store, decision: DecisionRecord): Promise<void> {
  await recordExitStart(store, exitStartOf(decision));
}

/** The exits row of an exit decision: the rule's inputs, the bid at the start, the amount to sell. */
export function exitStartOf(decision: DecisionRecord): ExitStartWrite {
  const exit = storedExitOf(decision);
  const inputs = (decision.ruleInputs ?? {}) as {
    rule?: Record<string, unknown>;
    quote?: { bid?: string } | null;
  };
  const rule = inputs.rule ?? {};
  return {
    id: exit.decisionId,
    account: exit.account,
    symbol: exit.symbol,
    trigger: exitTriggerOf(exit.reason, rule),
    exitReason: exit.reason,
    ruleInputs: rule,
    referencePrice: inputs.quote?.bid ?? null,
    targetAmount: exit.target.toFixed(),
    startedAt: decision.createdAt,
  };
}

/**
 * What asked for the exit: the position cap (CAP_ENFORCEMENT), the operator (MANUAL, EMERGENCY, or
 * rule inputs carrying `operator`), an alert (USER_SELL, USER_EXIT, or rule inputs carrying `alertId`),
 * else a sentinel rule.
 */
export function exitTriggerOf(
  reason: ExitReason,
  ruleInputs: Readonly<Record<string, unknown>>,
): ExitTrigger {
  if (reason === 'CAP_ENFORCEMENT') return 'CAP';
  if (reason === 'MANUAL' || reason === 'EMERGENCY' || 'operator' in ruleInputs) return 'OPERATOR';
  if (reason === 'USER_SELL' || reason === 'USER_EXIT' || typeof ruleInputs.alertId === 'string') {
    return 'ALERT';
  }
  return 'SENTINEL';
}

/** Rule inputs as plain JSON (decimals as their text; undefined values are dropped). */
export function jsonInputs(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
