// An exit held at its price cap: the bid fell below the exit's floor, so it waits instead of selling
// lower. Each waiting episode is one EXIT_PRICE_CAPPED decision (with the book it saw) and a marker
// on the exit's own decision (rule_inputs.priceCap) that stays while the episode lasts, so a sweep
// every few seconds, or a restarted process, does not record the same episode again.
import type { ExitReason, ReasonCodeIn } from '@hookline/core';
import type { Prisma } from '@hookline/db';
import { type DecisionRecord, toDecisionRecord } from '../records.js';
import { clientOf, type Store } from '../store.js';

/** The reason code of a waiting episode's decision. */
export const exitPriceCappedCode: ReasonCodeIn<'sentinel'> = 'EXIT_PRICE_CAPPED';

/** A waiting episode to open on an exit. */
export interface ExitPriceCapEpisode {
  /** The exit's own decision (ORDERED, the one its orders belong to). */
  readonly exitDecisionId: string;
  readonly account: string;
  readonly symbol: string;
  readonly exitReason: ExitReason;
  /** Plain JSON: the book and the floor the exit saw. */
  readonly ruleInputs: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
}

/**
 * Opens a waiting episode: writes its BLOCKED EXIT_PRICE_CAPPED decision and marks the exit with it,
 * in one transaction. Returns the new decision, or undefined when the exit is already marked (the
 * episode was recorded before) or is over.
 */
export async function openExitPriceCap(
  store: Store,
  episode: ExitPriceCapEpisode,
): Promise<DecisionRecord | undefined> {
  const { exitDecisionId } = episode;
  const since = episode.createdAt.toISOString();
  const created = await clientOf(store).$transaction(async (tx) => {
    const claimed = await tx.$executeRaw`
      UPDATE decisions
      SET rule_inputs = rule_inputs || jsonb_build_object('priceCap', jsonb_build_object('since', ${since}::text))
      WHERE decision_id = ${exitDecisionId} AND rule_inputs -> 'priceCap' IS NULL
        AND rule_inputs -> 'completion' IS NULL`;
    if (claimed === 0) return null;
    const decision = await tx.decision.create({
      data: {
        account: episode.account,
        symbol: episode.symbol,
        side: 'SELL',
        intent: 'EXIT',
        outcome: 'BLOCKED',
        reasonCode: exitPriceCappedCode,
        exitReason: episode.exitReason,
        ruleInputs: episode.ruleInputs as Prisma.InputJsonObject,
        createdAt: episode.createdAt,
      },
    });
    await tx.$executeRaw`
      UPDATE decisions
      SET rule_inputs = jsonb_set(rule_inputs, '{priceCap,decisionId}', to_jsonb(${decision.decisionId}::text))
      WHERE decision_id = ${exitDecisionId}`;
    return decision;
  });
  return created === null ? undefined : toDecisionRecord(created);
}

/** Ends the exit's waiting episode (the price came back within the cap). True when one was open. */
export async function closeExitPriceCap(store: Store, exitDecisionId: string): Promise<boolean> {
  const updated = await clientOf(store).$executeRaw`
    UPDATE decisions SET rule_inputs = rule_inputs - 'priceCap'
    WHERE decision_id = ${exitDecisionId} AND rule_inputs -> 'priceCap' IS NOT NULL`;
  return updated === 1;
}

/** A count per exit reason. */
export interface ExitReasonCount {
  readonly exitReason: string;
  readonly count: number;
}

/** The account's EXIT_PRICE_CAPPED decisions ever written (one per waiting episode), by exit reason. */
export async function countExitPriceCapEpisodes(store: Store, account: string): Promise<ExitReasonCount[]> {
  const groups = await clientOf(store).decision.groupBy({
    by: ['exitReason'],
    where: { account, reasonCode: exitPriceCappedCode },
    _count: { _all: true },
  });
  return groups.map((group) => ({ exitReason: group.exitReason ?? 'NONE', count: group._count._all }));
}

/** The account's exits not over whose waiting episode is open (held at their cap now), by exit reason. */
export async function countExitsHeldAtCap(store: Store, account: string): Promise<ExitReasonCount[]> {
  const groups = await clientOf(store).$queryRaw<Array<{ exit_reason: string | null; count: bigint }>>`
    SELECT exit_reason::text AS exit_reason, count(*) AS count FROM decisions
    WHERE account = ${account} AND intent = 'EXIT' AND outcome = 'ORDERED'
      AND rule_inputs -> 'exit' IS NOT NULL AND rule_inputs -> 'completion' IS NULL
      AND rule_inputs -> 'priceCap' IS NOT NULL
    GROUP BY exit_reason`;
  return groups.map((group) => ({ exitReason: group.exit_reason ?? 'NONE', count: Number(group.count) }));
}
