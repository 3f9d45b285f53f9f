import { SystemClock } from '@hookline/core';
import {
  type CoinbaseTestServer,
  startCoinbaseServer,
} from '../../../../test/support/venues/coinbase-server/coinbase-server.js';
import type { CcxtExchangeOptions } from '../../src/ccxt/ccxt-exchange-options.js';
import { CcxtExchange } from '../../src/index.js';
import type { ConformanceHarness, ConformanceHarnessFactory } from '../conformance/conformance-harness.js';

/** Retries of a read in the test adapter (so a "next request" read fault is set for all its attempts). */
export const testRetries = 2;

/** A CcxtExchange (Coinbase) pointed at the local server, with settings that keep tests fast. */
export function coinbaseAdapterFor(
  server: CoinbaseTestServer,
  overrides: Partial<CcxtExchangeOptions> = {},
): CcxtExchange {
  return new CcxtExchange({
    venue: 'coinbase',
    clock: new SystemClock(),
    apiKey: server.apiKey.name,
    secret: server.apiKey.privateKeyPem,
    urls: { rest: server.restUrl, ws: server.wsUrl, wsUser: server.wsUserUrl },
    requestTimeoutMs: 400,
    rateLimitMs: 1,
    retry: { maxRetries: testRetries, backoff: { initialMs: 5, maxMs: 20, jitter: 0.3 } },
    stream: { reconnect: { initialMs: 20, maxMs: 100, jitter: 0.3 }, idleTimeoutMs: 5_000 },
    ...overrides,
  });
}

/**
 * The conformance harness for CcxtExchange: a fresh local Coinbase per test (its PaperExchange is
 * the venue), the adapter speaking Coinbase's wire formats to it over real HTTP and WebSockets.
 * A "next request" fault of a read lasts for all the attempts of one port call (the adapter
 * retries reads), so the caller sees what the suite expects.
 */
export function ccxtHarnessFactory(): ConformanceHarnessFactory {
  return async () => {
    const server = await startCoinbaseServer({ heartbeatIntervalMs: 200 });
    let exchange = coinbaseAdapterFor(server);
    let userStreamDown = false;
    let connectionsBeforeOutage = 0;
    const settleStreams = async () => {
      if (!userStreamDown) await exchange.whenStreamsSettled();
    };
    const harness: ConformanceHarness = {
      get exchange() {
        return exchange;
      },
      symbol: 'BTC/USD',
      venue: {
        async setQuote(symbol, quote) {
          await settleStreams();
          server.venue.setQuote(symbol, quote);
        },
        async settle() {
          await settleStreams();
          await server.feeds.flush();
          await settleStreams();
        },
      },
      faults: {
        timeoutAfterPlacingNextCreate: () => {
          server.faults.inject('createOrder', { kind: 'slow', delayMs: 1_500, afterProcessing: true });
        },
        rateLimitNext: (operation) => {
          const attempts = operation === 'createOrder' || operation === 'cancelOrder' ? 1 : testRetries + 1;
          server.faults.inject(operation, { kind: 'rateLimit' }, attempts);
        },
        disconnectUserStream: () => {
          userStreamDown = true;
          connectionsBeforeOutage = exchange.userStreamCounters()?.connections ?? 0;
          server.refuseUserConnections = true;
          server.feeds.closeAll('user');
        },
        async reconnectUserStream() {
          server.refuseUserConnections = false;
          userStreamDown = false;
          // The adapter must first notice the loss, then connect and subscribe again.
          await until(() => (exchange.userStreamCounters()?.connections ?? 0) > connectionsBeforeOutage);
          await exchange.whenStreamsSettled();
        },
      },
      async restart() {
        await exchange.close();
        exchange = coinbaseAdapterFor(server);
        return exchange;
      },
      async dispose() {
        await exchange.close();
        await server.close();
      },
    };
    return harness;
  };
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the condition did not come true in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
