// Starting an exit: exactly one decision row per request. ORDERED places the first order of the
// ladder; BLOCKED (the exit gate, no market or price) and SKIPPED (an exit already working, dust,
// nothing available) record why nothing was sold.
import { type Decimal, type ExitReason, toPlainString, ZERO } from '@hookline/core';
import { isCircuitOpenError, type Market, type Ticker } from '@hookline/exchange';
import { isEmergencyExit, type RuleInputs } from '../../rules/index.js';
import { decidedMeanwhile, type ExitAlertLink, startedBefore, writeStartDecision } from './exit-alert.js';
import { type ExitExecutorDependencies, readMarket } from './exit-context.js';
import { checkExitGate, workingSells } from './exit-gate.js';
import { planExitOrder } from './exit-ladder.js';
import { cancelWorkingOrders, placeExitOrder } from './exit-orders.js';
import { jsonInputs, loadActiveExits, recordExitStarted } from './exit-records.js';
import type { StartExitResult } from './exit-result.js';
import {
  availableFromShared,
  marketFromShared,
  type SharedExitReads,
  takeFromShared,
} from './exit-shared-reads.js';
import { sizeExit, type UserSellSize, userSellAsked, userSellTarget } from './exit-sizing.js';

/** The sentinel's request to sell a position, with the inputs of the exit rule that fired. */
export interface StartExitRequest {
  readonly symbol: string;
  readonly reason: ExitReason;
  /** The open position (its open lots): the exit never sells more. */
  readonly positionAmount: Decimal;
  readonly ruleInputs: RuleInputs;
  /** A user's sell: at most this much of the position (USER_SELL). Absent: the whole position. */
  readonly size?: UserSellSize;
  /** The alert the exit answers: the exit's decision is the alert's one decision. */
  readonly alert?: ExitAlertLink;
  /** Reads shared by a batch of exits (flatten all): used instead of this exit's own reads and cancels. */
  readonly shared?: SharedExitReads;
}

export type { StartExitResult } from './exit-result.js';

type Inputs = Record<string, unknown>;

/** Why nothing is sold, as its decision row records it. */
interface NotSold {
  readonly outcome: 'BLOCKED' | 'SKIPPED';
  readonly code: string;
  readonly detail: string;
  readonly inputs: Inputs;
}

/** Decides the exit and, when ORDERED, places its first order (see ExitExecutor.start). */
export async function startExit(
  deps: ExitExecutorDependencies,
  request: StartExitRequest,
): Promise<StartExitResult> {
  const { symbol, reason } = request;
  const inputs: Inputs = {
    rule: request.ruleInputs,
    exit: { reason, positionAmount: toPlainString(request.positionAmount) },
  };
  if ((await loadActiveExits(deps.store, deps.settings.account, symbol)).length > 0) {
    const detail = `an exit of ${symbol} is already working`;
    return await notSold(deps, request, { outcome: 'SKIPPED', code: 'EXIT_IN_PROGRESS', detail, inputs });
  }
  if (!request.positionAmount.greaterThan(0)) return await nothingHeld(deps, request, inputs);
  const read =
    request.shared === undefined ? await readMarket(deps, symbol) : marketFromShared(request.shared, symbol);
  if (!read.ok && read.code === 'MARKET_UNAVAILABLE') {
    const detail = `${symbol} is not a market accepting orders`;
    return await notSold(deps, request, { outcome: 'BLOCKED', code: read.code, detail, inputs });
  }
  const verdict = checkExitGate({
    symbol,
    reason,
    controls: await deps.controls(symbol),
    ticker: read.ticker,
    now: deps.clock.now(),
    maxQuoteAgeMs: deps.maxQuoteAgeMs,
    workingSells: await workingSells(deps.store, deps.settings.account, symbol),
  });
  const gated: Inputs = { ...inputs, quote: quoteInputs(read.ticker), risk: verdict.inputs };
  if (!verdict.allowed) {
    const refusal = { code: verdict.reason, detail: verdict.message, inputs: gated };
    return await notSold(deps, request, { outcome: 'BLOCKED', ...refusal });
  }
  if (!read.ok) {
    const detail = `${symbol} has no valid bid/ask`;
    return await notSold(deps, request, { outcome: 'BLOCKED', code: read.code, detail, inputs: gated });
  }
  // A position that is dust even if all of it were available is not worth canceling anything for.
  const wanted = userSellTarget(request.positionAmount, request.size, read.ticker.bid);
  const whole = sizeExit({ ...read, available: wanted, remaining: wanted, bid: read.ticker.bid });
  if (whole.kind === 'DUST' || whole.kind === 'NONE_LEFT') {
    const detail = whole.kind === 'DUST' ? whole.message : `the ${symbol} position is empty`;
    return await notSold(deps, request, { outcome: 'SKIPPED', code: 'DUST', detail, inputs: gated });
  }
  return await sellNow(deps, request, read.market, read.ticker, gated);
}

// Our orders on the symbol go first (they may hold the coins), then the amount is what is available.
async function sellNow(
  deps: ExitExecutorDependencies,
  request: StartExitRequest,
  market: Market,
  ticker: Ticker,
  inputs: Inputs,
): Promise<StartExitResult> {
  const { symbol, reason } = request;
  const clearing = `exit ${reason}: our orders on ${symbol} are canceled first`;
  const decided = await decidedMeanwhile(deps, request.alert);
  if (decided !== undefined) return decided;
  const { shared } = request;
  const canceledOrders =
    shared?.canceledOrders[symbol] ?? (shared ? [] : await cancelWorkingOrders(deps, symbol, clearing));
  const available = shared
    ? availableFromShared(shared, market.base)
    : await availableToSell(deps, request, market);
  const remaining = userSellTarget(request.positionAmount, request.size, ticker.bid);
  const sizing = sizeExit({ available, remaining, market, bid: ticker.bid });
  const exit = {
    ...(inputs.exit as Inputs),
    ...sizeInputs(request, ticker.bid),
    available: toPlainString(available),
  };
  const sized: Inputs = { ...inputs, exit, canceledOrders };
  switch (sizing.kind) {
    case 'SELL':
      if (shared !== undefined) takeFromShared(shared, market.base, sizing.amount);
      return await orderFirst(deps, request, { market, ticker, amount: sizing.amount, inputs: sized });
    case 'NOTHING_AVAILABLE':
      return await notSold(deps, request, {
        outcome: 'SKIPPED',
        code: 'NOTHING_AVAILABLE',
        detail: sizing.message,
        inputs: sized,
      });
    case 'DUST':
    case 'NONE_LEFT': {
      const detail = sizing.kind === 'DUST' ? sizing.message : `the ${symbol} position is empty`;
      return await notSold(deps, request, { outcome: 'SKIPPED', code: 'DUST', detail, inputs: sized });
    }
  }
}

// What the venue says is available. When the orders breaker refuses the balance read, a hard stop or
// emergency exit sizes by the position instead: its order is the breaker's urgent probe, and a venue
// holding less refuses it definitively (which does not count against the breaker).
async function availableToSell(
  deps: ExitExecutorDependencies,
  request: StartExitRequest,
  market: Market,
): Promise<Decimal> {
  try {
    const balances = await deps.exchange.fetchBalances();
    return balances[market.base]?.available ?? ZERO;
  } catch (error) {
    if (isEmergencyExit(request.reason) && isCircuitOpenError(error)) return request.positionAmount;
    throw error;
  }
}

// The ORDERED decision carries the amount the exit sets out to sell (rule_inputs.exit.amount): every
// later step measures what is left against it.
async function orderFirst(
  deps: ExitExecutorDependencies,
  request: StartExitRequest,
  sale: { market: Market; ticker: Ticker; amount: Decimal; inputs: Inputs },
): Promise<StartExitResult> {
  const { symbol, reason } = request;
  const bid = sale.ticker.bid;
  // The bid now is the exit's reference: its floor is measured from it for as long as the exit works.
  const plan = planExitOrder({
    reason,
    attempt: 0,
    bid,
    reference: bid,
    priceTick: sale.market.priceTick,
    settings: deps.settings,
  });
  if (plan.kind !== 'ORDER') throw new Error(`the exit ladder has no first order (${plan.kind})`);
  const firstOrder = {
    step: plan.step,
    orderType: plan.orderType,
    timeInForce: plan.timeInForce,
    price: plan.price === undefined ? undefined : toPlainString(plan.price),
  };
  const exit = {
    ...(sale.inputs.exit as Inputs),
    amount: toPlainString(sale.amount),
    referencePrice: toPlainString(bid),
  };
  const { decision, written } = await writeStartDecision(deps, request.alert, {
    ...decisionColumns(deps, request),
    outcome: 'ORDERED',
    reasonCode: reason,
    ruleInputs: jsonInputs({ ...sale.inputs, exit, settings: deps.settings, firstOrder }),
  });
  if (!written) return startedBefore(decision);
  const { decisionId } = decision;
  await recordExitStarted(deps.store, decision);
  const clientOrderId = await placeExitOrder(deps, { decisionId, symbol, reason }, plan, sale.amount);
  deps.logger.info({ decisionId, symbol, reason, step: plan.step }, 'exit started');
  return { kind: 'STARTED', decisionId, clientOrderId, amount: sale.amount };
}

async function notSold(
  deps: ExitExecutorDependencies,
  request: StartExitRequest,
  why: NotSold,
): Promise<StartExitResult> {
  const { outcome, code, detail } = why;
  const { decision, written } = await writeStartDecision(deps, request.alert, {
    ...decisionColumns(deps, request),
    outcome,
    reasonCode: code,
    ruleInputs: jsonInputs({ ...why.inputs, message: detail }),
  });
  if (!written) return startedBefore(decision);
  const { decisionId } = decision;
  deps.logger.info({ decisionId, symbol: request.symbol, reason: request.reason, code }, 'exit not sold');
  return { kind: 'NOT_SOLD', decisionId, code, detail };
}

// No position (only a user's sell or exit asks for one): our working orders on the symbol still go,
// so a resting entry the sell races is canceled instead of opening a position after the user's exit.
async function nothingHeld(
  deps: ExitExecutorDependencies,
  request: StartExitRequest,
  inputs: Inputs,
): Promise<StartExitResult> {
  const { symbol, reason } = request;
  const decided = await decidedMeanwhile(deps, request.alert);
  if (decided !== undefined) return decided;
  const canceledOrders = await cancelWorkingOrders(deps, symbol, `exit ${reason}: no ${symbol} position`);
  const detail = `no open ${symbol} position to sell`;
  const held: Inputs = { ...inputs, canceledOrders };
  return await notSold(deps, request, { outcome: 'SKIPPED', code: 'NO_POSITION', detail, inputs: held });
}

// A user's sell records what it asked for and what that came to at the bid, capped at the position.
function sizeInputs(request: StartExitRequest, bid: Decimal): Inputs {
  if (request.size === undefined) return {};
  const { unit, amount } = request.size;
  const asked = userSellAsked(request.size, bid);
  return {
    requested: { unit, amount: toPlainString(amount), base: toPlainString(asked) },
    cappedAtPosition: asked.greaterThan(request.positionAmount),
  };
}

function decisionColumns(deps: ExitExecutorDependencies, request: StartExitRequest) {
  return {
    account: deps.settings.account,
    symbol: request.symbol,
    exitReason: request.reason,
    createdAt: deps.clock.now(),
  };
}

function quoteInputs(ticker: Ticker | undefined): Inputs | null {
  if (ticker === undefined) return null;
  return {
    bid: toPlainString(ticker.bid),
    ask: toPlainString(ticker.ask),
    exchangeTime: ticker.exchangeTime.toISOString(),
    receivedAt: ticker.receivedAt.toISOString(),
  };
}
