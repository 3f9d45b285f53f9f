// Flatten: one exit per open position through the sentinel's exit executor, like every exit (our
// working orders canceled first, available balance capped at the position, re-priced and escalated).
// One symbol is a MANUAL exit; all of them is an EMERGENCY (IOC ladder, allowed even while HALTED).
// Each exit gets its own decision row with the operator and the inputs used. The markets, the quotes
// (one batched read where the venue has one) and the balances are read once for all positions, after
// our working orders on every symbol are canceled: a flatten during a 429 storm costs O(1) reads.
// With `source` "file" the change came from the emergency file switch instead of the API.
import { toPlainString } from '@hookline/core';
import type { ExchangePort } from '@hookline/exchange';
import { findOrderByClientOrderId, readOpenPositions, type Store } from '@hookline/store';
import type { OperatorChange } from '../controls/operator-change.js';
import type { Exits } from '../exits/index.js';

/** An exit order flatten created. */
export interface FlattenIntent {
  readonly decision_id: string;
  readonly client_order_id: string;
  readonly symbol: string;
  readonly side: 'sell';
  readonly amount: string;
  /** The first order's limit price; null for a market order. */
  readonly price: string | null;
  readonly order_type: 'LIMIT' | 'MARKET';
  readonly exit_reason: 'MANUAL' | 'EMERGENCY';
}

/** A position flatten could not sell, and why. */
export interface FlattenSkip {
  readonly symbol: string;
  /** The reason code recorded on the decision (DUST, NOTHING_AVAILABLE, PRICE_UNAVAILABLE, ...). */
  readonly reason: string;
  readonly decision_id: string;
}

/** What flatten needs. */
export interface FlattenDependencies {
  readonly store: Store;
  readonly exchange: ExchangePort;
  /** The sentinel's exit executor: it cancels, sizes, re-prices and escalates like every exit. */
  readonly exits: Pick<Exits, 'start'> & Partial<Pick<Exits, 'readShared'>>;
  readonly account: string;
}

/** Sells the open position of `symbol`, or every open position when `symbol` is undefined. */
export async function flattenPositions(
  deps: FlattenDependencies,
  symbol: string | undefined,
  change: OperatorChange,
  source: 'api' | 'file' = 'api',
): Promise<{ intents: FlattenIntent[]; skipped: FlattenSkip[] }> {
  const exitReason = symbol === undefined ? 'EMERGENCY' : 'MANUAL';
  const markets = await deps.exchange.fetchMarkets();
  const positions = (await readOpenPositions(deps.store, { account: deps.account, markets })).filter(
    (position) => symbol === undefined || position.symbol === symbol,
  );
  const shared =
    positions.length === 0
      ? undefined
      : await deps.exits.readShared?.(
          positions.map((position) => position.symbol),
          `exit ${exitReason}`,
          markets,
        );
  const intents: FlattenIntent[] = [];
  const skipped: FlattenSkip[] = [];
  for (const position of positions) {
    const result = await deps.exits.start({
      symbol: position.symbol,
      reason: exitReason,
      positionAmount: position.amount,
      ruleInputs: {
        operator: { by: change.by, reason: change.reason, source },
        position: { amount: toPlainString(position.amount), costBasis: toPlainString(position.costBasis) },
      },
      ...(shared === undefined ? {} : { shared }),
    });
    if (result.kind === 'NOT_SOLD') {
      skipped.push({ symbol: position.symbol, reason: result.code, decision_id: result.decisionId });
      continue;
    }
    const order = await findOrderByClientOrderId(deps.store, result.clientOrderId);
    intents.push({
      decision_id: result.decisionId,
      client_order_id: result.clientOrderId,
      symbol: position.symbol,
      side: 'sell',
      amount: toPlainString(result.amount),
      price: order?.price === null || order?.price === undefined ? null : order.price.toString(),
      order_type: order?.orderType === 'MARKET' ? 'MARKET' : 'LIMIT',
      exit_reason: exitReason,
    });
  }
  return { intents, skipped };
}
