import { dec, TestClock } from '@hookline/core';
import {
  defaultPaperMarkets,
  MemoryPaperStateStore,
  PaperExchange,
  ScriptedPriceSource,
} from '../../src/index.js';
import type { PaperExchangeOptions } from '../../src/paper/paper-options.js';
import type { ConformanceHarness, ConformanceHarnessFactory } from './conformance-harness.js';

/** The paper exchange on a TestClock with scripted quotes, a memory state store and its fault plan. */
export function paperHarnessFactory(
  overrides: Partial<PaperExchangeOptions> = {},
): ConformanceHarnessFactory {
  return async () => {
    const clock = new TestClock(Date.UTC(2025, 0, 2, 12));
    const store = new MemoryPaperStateStore();
    const symbol = 'BTC/USD';
    let source = new ScriptedPriceSource([
      {
        symbol,
        timeMs: clock.nowMs(),
        bid: dec('60000'),
        ask: dec('60000.01'),
        bidSize: dec('0.5'),
        askSize: dec('0.5'),
        volume: dec('0'),
      },
    ]);
    const open = () =>
      new PaperExchange({ clock, store, priceSource: source, markets: defaultPaperMarkets, ...overrides });
    let exchange = open();
    const harness: ConformanceHarness = {
      get exchange() {
        return exchange;
      },
      symbol,
      venue: {
        async setQuote(quoteSymbol, quote) {
          clock.advance(1_000);
          source.push({ symbol: quoteSymbol, timeMs: clock.nowMs(), ...quote, volume: dec('0') });
          exchange.tick();
        },
        async settle() {
          exchange.tick();
        },
      },
      faults: {
        timeoutAfterPlacingNextCreate: () =>
          exchange.faults.inject('createOrder', { type: 'timeout', placed: true }),
        rateLimitNext: (operation) => exchange.faults.inject(operation, { type: 'rateLimit' }),
        disconnectUserStream: () => exchange.faults.disconnectStream('user', 3_600_000),
        async reconnectUserStream() {
          exchange.faults.reconnectStream('user');
          exchange.tick();
        },
      },
      async restart() {
        await exchange.close();
        clock.advance(60_000);
        // A new process has a new source object; the exchange restores its state from the store.
        source = new ScriptedPriceSource();
        exchange = open();
        return exchange;
      },
      async dispose() {
        await exchange.close();
      },
    };
    return harness;
  };
}
