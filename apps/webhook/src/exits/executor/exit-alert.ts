// An exit that answers an alert (a user's `sell` or `exit`): its decision row is the alert's one
// decision (decisions.alert_id, written with the alert's PROCESSED status in one transaction), so a
// second run of the alert's job stores nothing and places nothing: it gets the first run's decision,
// and the exit's orders derive their client order ids from that decision.
import { dec } from '@hookline/core';
import {
  clientOrderIdOf,
  type DecisionRecord,
  type ExitDecisionWrite,
  findAlertDecision,
  writeAlertExitDecision,
  writeExitDecision,
} from '@hookline/store';
import type { ExitExecutorDependencies } from './exit-context.js';
import type { StartExitResult } from './exit-result.js';

/** The alert an exit answers. */
export interface ExitAlertLink {
  readonly alertId: string;
  /** A decision id the sender fixed (sighook's, from its idempotency key); else a new one. */
  readonly decisionId?: string | undefined;
}

/** The start's decision, and whether this call wrote it (false: the alert was already decided). */
export interface StartDecision {
  readonly decision: DecisionRecord;
  readonly written: boolean;
}

/** Writes the start's decision: the alert's own decision when the exit answers one. */
export async function writeStartDecision(
  deps: ExitExecutorDependencies,
  alert: ExitAlertLink | undefined,
  write: ExitDecisionWrite,
): Promise<StartDecision> {
  if (alert === undefined) return { decision: await writeExitDecision(deps.store, write), written: true };
  return await writeAlertExitDecision(deps.store, { ...write, ...alert });
}

/**
 * The result of a run of the same alert that has decided meanwhile, if one has. Asked just before our
 * working orders are canceled, so a run racing the first does not cancel the first one's exit order
 * (the window left is between this read and the cancel; at worst the first order is canceled and the
 * sweep re-prices it: the exit and its amount stay one).
 */
export async function decidedMeanwhile(
  deps: ExitExecutorDependencies,
  alert: ExitAlertLink | undefined,
): Promise<StartExitResult | undefined> {
  if (alert === undefined) return undefined;
  const decision = await findAlertDecision(deps.store, alert.alertId);
  return decision === null ? undefined : startedBefore(decision);
}

/**
 * What an earlier start of the same alert did, read back from its decision: STARTED with its first
 * order (attempt 0) when it was ORDERED, otherwise NOT_SOLD with its reason.
 */
export function startedBefore(decision: DecisionRecord): StartExitResult {
  const inputs = decision.ruleInputs as { exit?: { amount?: string }; message?: string } | null;
  const amount = inputs?.exit?.amount;
  if (decision.outcome === 'ORDERED' && amount !== undefined) {
    const clientOrderId = clientOrderIdOf({ decisionId: decision.decisionId, attempt: 0 });
    return { kind: 'STARTED', decisionId: decision.decisionId, clientOrderId, amount: dec(amount) };
  }
  return {
    kind: 'NOT_SOLD',
    decisionId: decision.decisionId,
    code: decision.reasonCode,
    detail: inputs?.message ?? `the alert was already decided ${decision.outcome} ${decision.reasonCode}`,
  };
}
