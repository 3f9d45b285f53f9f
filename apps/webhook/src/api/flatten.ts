// Flatten: one sell per open position, through the same executor as every exit. One symbol is a
// MANUAL exit; all of them is an EMERGENCY (which the risk gate lets through even while HALTED).
// Each exit gets its own decision row (the order's client id derives from it) with the inputs used.
import { type Clock, type Decimal, toPlainString } from '@hookline/core';
import type { PrismaClient } from '@hookline/db';
import type { ExchangePort, Market } from '@hookline/exchange';
import type { OperatorChange } from '../controls/operator-change.js';
import type { OrderExecutor } from '../execution/order-executor.js';
import { clientOrderIdOf } from '../execution/order-intent.js';
import { openPositions } from '../execution/risk-snapshot.js';

/** An exit order flatten created. */
export interface FlattenIntent {
  readonly decision_id: string;
  readonly client_order_id: string;
  readonly symbol: string;
  readonly side: 'sell';
  readonly amount: string;
  readonly price: string;
  readonly exit_reason: 'MANUAL' | 'EMERGENCY';
}

/** A position flatten could not sell, and why. */
export interface FlattenSkip {
  readonly symbol: string;
  readonly reason: string;
}

/** What flatten needs. */
export interface FlattenDependencies {
  readonly prisma: PrismaClient;
  readonly exchange: ExchangePort;
  readonly executor: Pick<OrderExecutor, 'executeIntent'>;
  readonly clock: Clock;
  readonly account: string;
}

/** Sells the open position of `symbol`, or every open position when `symbol` is undefined. */
export async function flattenPositions(
  deps: FlattenDependencies,
  symbol: string | undefined,
  change: OperatorChange,
): Promise<{ intents: FlattenIntent[]; skipped: FlattenSkip[] }> {
  const exitReason = symbol === undefined ? 'EMERGENCY' : 'MANUAL';
  const markets = await deps.exchange.fetchMarkets();
  const positions = (await openPositions(deps.prisma, deps.account, markets)).filter(
    (position) => symbol === undefined || position.symbol === symbol,
  );
  const intents: FlattenIntent[] = [];
  const skipped: FlattenSkip[] = [];
  for (const position of positions) {
    const market = markets.find((candidate) => candidate.symbol === position.symbol);
    const amount = market === undefined ? position.amount : sellableAmount(position.amount, market);
    if (amount.lessThanOrEqualTo(0) || (market !== undefined && amount.lessThan(market.minAmount))) {
      skipped.push({ symbol: position.symbol, reason: 'DUST' });
      continue;
    }
    const ticker = await deps.exchange.fetchTicker(position.symbol).catch(() => undefined);
    if (ticker === undefined || !ticker.bid.isFinite() || ticker.bid.lessThanOrEqualTo(0)) {
      skipped.push({ symbol: position.symbol, reason: 'PRICE_UNAVAILABLE' });
      continue;
    }
    const decision = await deps.prisma.decision.create({
      data: {
        account: deps.account,
        symbol: position.symbol,
        side: 'SELL',
        intent: 'EXIT',
        outcome: 'ORDERED',
        reasonCode: exitReason,
        exitReason,
        ruleInputs: {
          operator: { by: change.by, reason: change.reason },
          position: { amount: toPlainString(position.amount), costBasis: toPlainString(position.costBasis) },
          quote: {
            bid: toPlainString(ticker.bid),
            ask: toPlainString(ticker.ask),
            exchangeTime: ticker.exchangeTime.toISOString(),
            receivedAt: ticker.receivedAt.toISOString(),
          },
        },
      },
    });
    const intent = {
      decisionId: decision.decisionId,
      account: deps.account,
      exchange: deps.exchange.name,
      symbol: position.symbol,
      side: 'sell',
      amount,
      price: ticker.bid,
      postOnly: false,
      trigger: 'EXIT',
      exitReason,
      source: 'WEBHOOK',
    } as const;
    await deps.executor.executeIntent(intent);
    intents.push({
      decision_id: decision.decisionId,
      client_order_id: clientOrderIdOf(intent),
      symbol: position.symbol,
      side: 'sell',
      amount: toPlainString(amount),
      price: toPlainString(ticker.bid),
      exit_reason: exitReason,
    });
  }
  return { intents, skipped };
}

// The held amount truncated to the market's step (the exchange refuses anything finer).
function sellableAmount(amount: Decimal, market: Market): Decimal {
  if (market.amountStep.lessThanOrEqualTo(0)) return amount;
  return amount.dividedToIntegerBy(market.amountStep).times(market.amountStep);
}
