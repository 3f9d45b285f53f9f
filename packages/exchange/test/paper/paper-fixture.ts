import { type Decimal, dec, TestClock } from '@hookline/core';
import {
  defaultPaperMarkets,
  PaperExchange,
  ScriptedPriceSource,
  type UserStreamEvent,
} from '../../src/index.js';
import type { PaperExchangeOptions } from '../../src/paper/paper-options.js';
import type { MarketQuote } from '../../src/paper/price-source.js';

/**
 * A paper exchange on a TestClock whose BTC/USD market moves only when the test says so. The first
 * quote's market volume is `initialVolume` (none unless given).
 */
export function scriptedPaper(options: Partial<PaperExchangeOptions> = {}, initialVolume = '0') {
  const clock = new TestClock(Date.UTC(2025, 0, 2, 12));
  const source = new ScriptedPriceSource();
  const quote = (bid: string, ask: string, size = '1', volume = '0'): MarketQuote => ({
    symbol: 'BTC/USD',
    timeMs: clock.nowMs(),
    bid: dec(bid),
    ask: dec(ask),
    bidSize: dec(size),
    askSize: dec(size),
    volume: dec(volume),
  });
  source.push(quote('60000', '60000.01', '1', initialVolume));
  const exchange = new PaperExchange({
    clock,
    priceSource: source,
    markets: defaultPaperMarkets,
    ...options,
  });
  const events: UserStreamEvent[] = [];
  exchange.subscribeUserEvents((event) => events.push(event));
  /** Moves the clock a second and shows a new top of book (with the market's volume since the last). */
  const move = (bid: string, ask: string, size?: string, volume?: string) => {
    clock.advance(1_000);
    source.push(quote(bid, ask, size, volume));
    exchange.tick();
  };
  return { clock, source, exchange, events, move };
}

/** A resting post-only BTC buy. */
export function restingBuy(
  clientOrderId: string,
  amount: Decimal = dec('0.01'),
  price: Decimal = dec('59990'),
) {
  return {
    type: 'LIMIT' as const,
    clientOrderId,
    symbol: 'BTC/USD',
    side: 'buy' as const,
    amount,
    price,
    postOnly: true,
  };
}

/** The stream's event types in order, fills and orders with their detail. */
export function describeEvents(events: readonly UserStreamEvent[]): string[] {
  return events.map((event) => {
    if (event.type === 'fill') return `fill ${event.fill.amount}@${event.fill.price}`;
    if (event.type === 'order') return `order ${event.order.status}`;
    return event.type;
  });
}
