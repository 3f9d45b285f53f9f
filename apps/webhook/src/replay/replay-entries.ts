import { type Clock, quantizeToTick, toPlainString } from '@hookline/core';
import type { EntryRow, ExchangePort, Market } from '@hookline/exchange';
import { type Store, writeFileEntryDecision } from '@hookline/store';
import type { OrderExecutor } from '../execution/order-executor.js';

/** What placing a replay entry needs. */
export interface ReplayEntryContext {
  readonly store: Store;
  readonly exchange: ExchangePort;
  readonly executor: Pick<OrderExecutor, 'executeIntent'>;
  readonly clock: Clock;
  readonly account: string;
  readonly markets: readonly Market[];
}

/**
 * Buys the entry's quantity with a LIMIT at the ask (it crosses, as an entry alert's order does), with
 * an ENTRY decision that says it came from the entry file. Risk rules are not applied: the replay
 * tests exits, and the file says what was held.
 */
export async function placeReplayEntry(context: ReplayEntryContext, entry: EntryRow): Promise<string> {
  const market = context.markets.find((candidate) => candidate.symbol === entry.symbol);
  if (market === undefined) throw new Error(`entry for ${entry.symbol}: no such replay market`);
  const ticker = await context.exchange.fetchTicker(market.symbol);
  const amount = entry.quantity.dividedToIntegerBy(market.amountStep).times(market.amountStep);
  const price = quantizeToTick(ticker.ask, market.priceTick, 'up');
  const decision = await writeFileEntryDecision(context.store, {
    account: context.account,
    symbol: market.symbol,
    ruleInputs: {
      replayEntry: { time: new Date(entry.timeMs).toISOString(), quantity: toPlainString(entry.quantity) },
      quote: { bid: toPlainString(ticker.bid), ask: toPlainString(ticker.ask) },
    },
    createdAt: context.clock.now(),
  });
  return await context.executor.executeIntent({
    decisionId: decision.decisionId,
    account: context.account,
    exchange: context.exchange.name,
    symbol: market.symbol,
    side: 'buy',
    amount,
    price,
    postOnly: false,
    trigger: 'ALERT',
    source: 'WEBHOOK',
  });
}
