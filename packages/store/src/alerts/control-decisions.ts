// The operator's controls as decisions (intent CONTROL): every halt, resume and buy-guard switch is
// APPLIED with who asked and why, and an admin action asked with the read token is BLOCKED, so the
// decisions list answers "who stopped trading, and when" beside the trading verdicts.
import type { Prisma } from '@hookline/db';
import { type DecisionRecord, toDecisionRecord } from '../records.js';
import { clientOf, type Store } from '../store.js';

/** One operator control to record. */
export interface ControlDecisionWrite {
  readonly account: string;
  /** The symbol the control is about, or `*` for the account. */
  readonly symbol: string;
  readonly outcome: 'APPLIED' | 'BLOCKED';
  /** OPERATOR_HALT, OPERATOR_RESUME, OPERATOR_BUY_GUARD_ON/OFF or ADMIN_TOKEN_REQUIRED. */
  readonly reasonCode: string;
  /** What was asked (halt, resume, buy-guard, flatten) and by whom, with why; plain JSON. */
  readonly ruleInputs: {
    readonly action: string;
    readonly source: 'OPERATOR';
    readonly by: string;
    readonly reason: string;
  } & Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
}

/** Writes one control decision. */
export async function writeControlDecision(
  store: Store,
  decision: ControlDecisionWrite,
): Promise<DecisionRecord> {
  const row = await clientOf(store).decision.create({
    data: {
      account: decision.account,
      symbol: decision.symbol,
      side: null,
      intent: 'CONTROL',
      outcome: decision.outcome,
      reasonCode: decision.reasonCode,
      exitReason: null,
      ruleInputs: decision.ruleInputs as Prisma.InputJsonObject,
      createdAt: decision.createdAt,
    },
  });
  return toDecisionRecord(row);
}
