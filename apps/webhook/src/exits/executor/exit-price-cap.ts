// An exit held at its price cap (docs/architecture.md, "Exit execution"): the bid is below the
// exit's floor, so nothing is sent and the next sweep asks again. The first sweep of a waiting
// episode records it (one EXIT_PRICE_CAPPED decision with the book, and the operator's alert: an
// error log for HARD_STOP and EMERGENCY, a warning otherwise; the metrics count the episodes and the
// exits held now from the database); the first sweep that finds the bid back at or above the floor
// ends it. A restart inside an episode finds its mark on the exit's decision and records nothing new.
import { type Decimal, toPlainString } from '@hookline/core';
import type { Ticker } from '@hookline/exchange';
import { closeExitPriceCap, exitPriceCappedCode, openExitPriceCap } from '@hookline/store';
import { exitPriceCappedEvent } from '../../notify/trading-event.js';
import { isEmergencyExit } from '../../rules/index.js';
import type { ExitExecutorDependencies } from './exit-context.js';
import type { ExitHold } from './exit-ladder.js';
import type { ExitProgress } from './exit-progress.js';
import type { StoredExit } from './exit-records.js';

/** Holds the exit at its cap this sweep; records the episode when it is a new one. */
export async function holdAtCap(
  deps: ExitExecutorDependencies,
  exit: StoredExit,
  hold: ExitHold,
  ticker: Ticker,
  remaining: Decimal,
): Promise<ExitProgress> {
  const book = {
    bid: toPlainString(hold.bid),
    ask: toPlainString(ticker.ask),
    floor: toPlainString(hold.floor),
    reference: toPlainString(hold.reference),
    maxSlippagePct: toPlainString(hold.maxSlippagePct),
  };
  const detail =
    `${exit.symbol} bid ${book.bid} is below the exit's floor ${book.floor} ` +
    `(reference ${book.reference} less ${book.maxSlippagePct} %): nothing is sold lower, the exit waits`;
  if (exit.priceCap === undefined) {
    const decision = await openExitPriceCap(deps.store, {
      exitDecisionId: exit.decisionId,
      account: exit.account,
      symbol: exit.symbol,
      exitReason: exit.reason,
      ruleInputs: {
        exitDecisionId: exit.decisionId,
        attempt: hold.attempt,
        book: { ...book, exchangeTime: ticker.exchangeTime.toISOString() },
        remaining: toPlainString(remaining),
        message: detail,
      },
      createdAt: deps.clock.now(),
    });
    if (decision !== undefined) {
      const level = isEmergencyExit(exit.reason) ? 'error' : 'warn';
      deps.logger[level](
        {
          event: 'exit_price_capped',
          decisionId: exit.decisionId,
          cappedDecisionId: decision.decisionId,
          symbol: exit.symbol,
          reason: exit.reason,
          remaining: toPlainString(remaining),
          ...book,
        },
        `exit held at its price cap: ${detail}`,
      );
      deps.events?.publish(
        exitPriceCappedEvent({
          symbol: exit.symbol,
          reason: exit.reason,
          bid: book.bid,
          floor: book.floor,
          remaining: toPlainString(remaining),
          exitDecisionId: exit.decisionId,
          cappedDecisionId: decision.decisionId,
          at: deps.clock.now(),
        }),
      );
    }
  }
  return {
    symbol: exit.symbol,
    decisionId: exit.decisionId,
    reason: exit.reason,
    kind: 'WAITING',
    code: exitPriceCappedCode,
    detail,
  };
}

/** The bid is back at or above the floor: the exit's waiting episode (if any) ends. */
export async function releaseCap(
  deps: ExitExecutorDependencies,
  exit: StoredExit,
  bid: Decimal,
): Promise<void> {
  if (exit.priceCap === undefined) return;
  if (!(await closeExitPriceCap(deps.store, exit.decisionId))) return;
  deps.logger.info(
    {
      event: 'exit_price_cap_released',
      decisionId: exit.decisionId,
      cappedDecisionId: exit.priceCap.decisionId,
      symbol: exit.symbol,
      reason: exit.reason,
      bid: toPlainString(bid),
      since: exit.priceCap.since,
    },
    'exit price back within its cap: the exit sells again',
  );
}
