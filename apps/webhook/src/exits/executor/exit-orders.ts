// The exit's order work through the order executor: place an attempt, keep working attempts moving
// (send what was never sent, settle unknown outcomes, cancel a LIMIT past its timeout), and clear our
// working orders on a symbol before an exit starts. An outcome still unknown is left for the next sweep.
import { type Decimal, isTerminal } from '@hookline/core';
import { isExchangeError } from '@hookline/exchange';
import type { OrderIntent } from '@hookline/store';
import { findOrderByClientOrderId, type OrderRecord, readWorkingOrdersOnSymbol } from '@hookline/store';
import { applyExchangeOrder } from '../../execution/exchange-order.js';
import { OrderStillInFlight } from '../../execution/order-executor.js';
import type { ExitExecutorDependencies } from './exit-context.js';
import type { ExitOrderPlan } from './exit-ladder.js';
import type { ExitOrder, StoredExit } from './exit-records.js';

/** Writes the attempt's intent and submits it. Returns its client order id. */
export async function placeExitOrder(
  deps: ExitExecutorDependencies,
  exit: Pick<StoredExit, 'decisionId' | 'symbol' | 'reason'>,
  plan: ExitOrderPlan,
  amount: Decimal,
): Promise<string> {
  const intent: OrderIntent = {
    decisionId: exit.decisionId,
    attempt: plan.attempt,
    account: deps.settings.account,
    exchange: deps.exchange.name,
    symbol: exit.symbol,
    side: 'sell',
    amount,
    orderType: plan.orderType,
    timeInForce: plan.timeInForce,
    ...(plan.price === undefined ? {} : { price: plan.price }),
    postOnly: false,
    trigger: 'EXIT',
    exitReason: exit.reason,
    source: 'WEBHOOK',
  };
  const clientOrderId = await deps.executor.writeIntent(intent);
  await submitOrLeave(deps, clientOrderId);
  return clientOrderId;
}

/**
 * Moves each working order of the exit one step: a NEW or SUBMITTED one is (re)submitted with its
 * own client order id, a resting LIMIT past its timeout is canceled, a pending cancel is re-sent.
 * Returns the rows as they are afterwards.
 */
export async function superviseExitOrders(
  deps: ExitExecutorDependencies,
  orders: readonly ExitOrder[],
): Promise<OrderRecord[]> {
  const rows: OrderRecord[] = [];
  for (const { row } of orders) {
    if (!isTerminal(row.status)) await superviseOne(deps, row);
    rows.push((await findOrderByClientOrderId(deps.store, row.clientOrderId)) ?? row);
  }
  return rows;
}

async function superviseOne(deps: ExitExecutorDependencies, row: OrderRecord): Promise<void> {
  switch (row.status) {
    case 'NEW':
    case 'SUBMITTED':
      return await submitOrLeave(deps, row.clientOrderId);
    case 'PENDING_CANCEL':
      return await cancelOrLeave(deps, row.clientOrderId, row.statusReason ?? 'exit re-price');
    case 'OPEN':
    case 'PARTIALLY_FILLED':
      // An IOC or MARKET order ends at once; still open here means its end was not reported to us.
      if (!isResting(row)) return await refresh(deps, row);
      if (!isTimedOut(deps, row)) return;
      return await cancelOrLeave(
        deps,
        row.clientOrderId,
        `exit re-price: not filled within ${deps.settings.timeoutMs} ms`,
      );
    default:
      return;
  }
}

// Only a resting LIMIT times out; IOC and MARKET orders end on their own at once.
function isResting(row: OrderRecord): boolean {
  return row.orderType === 'LIMIT' && row.timeInForce !== 'IOC';
}

function isTimedOut(deps: ExitExecutorDependencies, row: OrderRecord): boolean {
  return deps.clock.nowMs() - row.orderTime.getTime() >= deps.settings.timeoutMs;
}

// A lookup by client order id brings the row to the exchange's status (the stream may have dropped it).
async function refresh(deps: ExitExecutorDependencies, row: OrderRecord): Promise<void> {
  try {
    const order = await deps.exchange.fetchOrder({ clientOrderId: row.clientOrderId, symbol: row.symbol });
    await applyExchangeOrder(deps.store, order, deps.logger);
  } catch (error) {
    if (!isExchangeError(error, 'NOT_FOUND')) throw error;
    deps.logger.warn(
      { clientOrderId: row.clientOrderId },
      'an acknowledged exit order is unknown to the exchange',
    );
  }
}

/** Cancels every working order of ours on the symbol (entries included): an exit starts from a clear book. */
export async function cancelWorkingOrders(
  deps: ExitExecutorDependencies,
  symbol: string,
  reason: string,
): Promise<string[]> {
  const rows = await readWorkingOrdersOnSymbol(deps.store, { account: deps.settings.account, symbol });
  for (const row of rows) await cancelOrLeave(deps, row.clientOrderId, reason);
  return rows.map((row) => row.clientOrderId);
}

// An unknown outcome is not a failure of the sweep: the next advance submits again (same id, safe).
async function submitOrLeave(deps: ExitExecutorDependencies, clientOrderId: string): Promise<void> {
  try {
    await deps.executor.submit(clientOrderId);
  } catch (error) {
    if (!(error instanceof OrderStillInFlight)) throw error;
    deps.logger.warn({ clientOrderId, err: error }, 'exit order still in flight; the next sweep settles it');
  }
}

export async function cancelOrLeave(
  deps: ExitExecutorDependencies,
  clientOrderId: string,
  reason: string,
): Promise<void> {
  try {
    await deps.executor.cancel(clientOrderId, reason);
  } catch (error) {
    if (!(error instanceof OrderStillInFlight)) throw error;
    deps.logger.warn({ clientOrderId, err: error }, 'cancel not confirmed; the next sweep asks again');
  }
}
