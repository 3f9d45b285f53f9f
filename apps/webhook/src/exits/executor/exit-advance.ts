// One step of one working exit, derived entirely from the database and the exchange (no memory):
// supervise its orders; once none is working, size what is left and place the next rung of the
// ladder, hold at the price cap while the bid is below the exit's floor, or record the exit as over
// (sold, dust, nothing available, ladder exhausted when market orders are allowed).
import { type Decimal, isTerminal, toPlainString, ZERO } from '@hookline/core';
import type { Market, Ticker } from '@hookline/exchange';
import { type OrderRecord, readExitPnl } from '@hookline/store';
import { exitFinishedEvent } from '../../notify/trading-event.js';
import { type ExitExecutorDependencies, readMarket } from './exit-context.js';
import { checkExitGate, workingSells } from './exit-gate.js';
import { planExitOrder } from './exit-ladder.js';
import { placeExitOrder, superviseExitOrders } from './exit-orders.js';
import { holdAtCap, releaseCap } from './exit-price-cap.js';
import type { ExitProgress } from './exit-progress.js';
import { type ExitOutcome, finishExit, loadExitOrders, type StoredExit } from './exit-records.js';
import { positionLeft, remainingToSell, soldByExit } from './exit-remaining.js';
import { sizeExit } from './exit-sizing.js';
import { type ExitSummary, summarizeExit } from './exit-summary.js';

/** Drives one exit one step (see ExitExecutor.advance). */
export async function advanceExit(deps: ExitExecutorDependencies, exit: StoredExit): Promise<ExitProgress> {
  const orders = await loadExitOrders(deps.store, exit.decisionId);
  const rows = await superviseExitOrders(deps, orders);
  const working = rows.filter((row) => !isTerminal(row.status));
  if (working.length > 0) {
    const detail = working.map((row) => `${row.clientOrderId} ${row.status}`).join(', ');
    return { ...of(exit), kind: 'WORKING', detail };
  }
  const nextAttempt = orders.length === 0 ? 0 : (orders.at(-1)?.attempt ?? -1) + 1;
  return await nextRung(deps, exit, rows, nextAttempt);
}

// What the next rung would sell, or the exit's end when nothing (or only dust) is left.
type Sized =
  | { readonly over: ExitProgress }
  | {
      readonly over?: undefined;
      readonly market: Market;
      readonly ticker: Ticker;
      readonly amount: Decimal;
      readonly sold: Decimal;
      readonly soldText: string;
    };

async function nextRung(
  deps: ExitExecutorDependencies,
  exit: StoredExit,
  rows: readonly OrderRecord[],
  attempt: number,
): Promise<ExitProgress> {
  const sized = await sizeNextRung(deps, exit, rows);
  if (sized.over !== undefined) return sized.over;
  const { market, ticker, amount } = sized;
  const plan = planExitOrder({
    reason: exit.reason,
    attempt,
    bid: ticker.bid,
    reference: exit.reference,
    priceTick: market.priceTick,
    settings: deps.settings,
  });
  if (plan.kind === 'EXHAUSTED') {
    const left = `${toPlainString(amount)} ${market.base} left after ${attempt} orders`;
    deps.logger.error({ decisionId: exit.decisionId, symbol: exit.symbol, left }, 'exit ladder exhausted');
    return await finish(deps, exit, 'LADDER_EXHAUSTED', `${sized.soldText}; ${left}`, sized.sold);
  }
  if (plan.kind === 'HOLD') return await holdAtCap(deps, exit, plan, ticker, amount);
  await releaseCap(deps, exit, ticker.bid);
  const verdict = checkExitGate({
    symbol: exit.symbol,
    reason: exit.reason,
    controls: await deps.controls(exit.symbol),
    ticker,
    now: deps.clock.now(),
    maxQuoteAgeMs: deps.maxQuoteAgeMs,
    workingSells: await workingSells(deps.store, deps.settings.account, exit.symbol),
  });
  if (!verdict.allowed)
    return { ...of(exit), kind: 'WAITING', code: verdict.reason, detail: verdict.message };
  const clientOrderId = await placeExitOrder(deps, exit, plan, amount);
  return {
    ...of(exit),
    kind: 'ORDER_PLACED',
    clientOrderId,
    attempt,
    step: plan.step,
    amount,
    price: plan.price,
    repeats: plan.repeats,
  };
}

async function sizeNextRung(
  deps: ExitExecutorDependencies,
  exit: StoredExit,
  rows: readonly OrderRecord[],
): Promise<Sized> {
  const read = await readMarket(deps, exit.symbol);
  if (!read.ok) {
    const detail = `no usable ${exit.symbol} market or quote`;
    return { over: { ...of(exit), kind: 'WAITING', code: read.code, detail } };
  }
  const { market, ticker } = read;
  const [sold, position, balances] = await Promise.all([
    soldByExit(deps, rows),
    positionLeft(deps, exit.symbol, [market]),
    deps.exchange.fetchBalances(),
  ]);
  const remaining = remainingToSell(exit.target, sold, position);
  const available = balances[market.base]?.available ?? ZERO;
  const sizing = sizeExit({ available, remaining, market, bid: ticker.bid });
  const soldText = `${toPlainString(sold)} of ${toPlainString(exit.target)} ${market.base} sold`;
  switch (sizing.kind) {
    case 'SELL':
      return { market, ticker, amount: sizing.amount, sold, soldText };
    case 'NONE_LEFT':
      return { over: await finish(deps, exit, 'SOLD', soldText, sold) };
    case 'DUST': {
      // Dust after a sale is the end of a sale; dust alone means nothing could be sold.
      const outcome = sold.greaterThan(0) ? 'SOLD' : 'DUST';
      return { over: await finish(deps, exit, outcome, `${soldText}; ${sizing.message}`, sold) };
    }
    case 'NOTHING_AVAILABLE':
      return {
        over: await finish(deps, exit, 'NOTHING_AVAILABLE', `${soldText}; ${sizing.message}`, sold),
      };
  }
}

async function finish(
  deps: ExitExecutorDependencies,
  exit: StoredExit,
  outcome: ExitOutcome,
  detail: string,
  sold: Decimal,
): Promise<ExitProgress> {
  await finishExit(deps.store, exit.decisionId, {
    outcome,
    detail,
    finishedAt: deps.clock.now().toISOString(),
  });
  deps.logger.info({ decisionId: exit.decisionId, symbol: exit.symbol, outcome, detail }, 'exit finished');
  publishFinished(deps, exit, outcome, sold);
  return { ...of(exit), kind: 'FINISHED', outcome, detail };
}

// The finished exit's sale (average price, proceeds, fees) and P&L are read off the trade path. The
// exchange can report an order filled before its fills reach the ledger: the message waits (bounded)
// until the order rows hold what the exchange said was sold.
function publishFinished(
  deps: ExitExecutorDependencies,
  exit: StoredExit,
  outcome: ExitOutcome,
  sold: Decimal,
): void {
  const at = deps.clock.now();
  deps.events?.publishFrom(async () => {
    const summary = await summaryOnceRecorded(deps, exit.decisionId, sold);
    const pnl = await readExitPnl(deps.store, exit.decisionId);
    return [
      exitFinishedEvent({
        symbol: exit.symbol,
        reason: exit.reason,
        outcome,
        decisionId: exit.decisionId,
        at,
        amount: summary.filledAmount,
        averagePrice: summary.averagePrice,
        proceeds: summary.proceeds,
        fees: summary.feesUsd,
        pnl: summary.filledAmount.isZero() ? undefined : pnl,
      }),
    ];
  });
}

const RECORDED_WAIT_MS = 10_000;
const RECORDED_POLL_MS = 200;

async function summaryOnceRecorded(
  deps: ExitExecutorDependencies,
  decisionId: string,
  sold: Decimal,
): Promise<ExitSummary> {
  const deadline = Date.now() + RECORDED_WAIT_MS;
  for (;;) {
    const summary = await summarizeExit(deps.store, decisionId);
    if (summary.filledAmount.greaterThanOrEqualTo(sold) || Date.now() >= deadline) return summary;
    await new Promise((resolve) => setTimeout(resolve, RECORDED_POLL_MS));
  }
}

function of(exit: StoredExit): { symbol: string; decisionId: string; reason: StoredExit['reason'] } {
  return { symbol: exit.symbol, decisionId: exit.decisionId, reason: exit.reason };
}
