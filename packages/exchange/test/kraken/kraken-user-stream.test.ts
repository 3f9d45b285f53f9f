// Kraken's private v2 stream through the real adapter against the local Kraken (real HTTP and ws):
// the token comes from a signed GetWebSocketsToken, a fill arrives once with its fee and trade id, a
// fill missed while disconnected is backfilled once over REST, and a refused (expired) token is
// replaced by a fresh one.
import { SystemClock } from '@hookline/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import {
  type KrakenTestServer,
  startKrakenServer,
} from '../../../../test/support/venues/kraken-server/kraken-server.js';
import { CcxtExchange } from '../../src/index.js';
import type { FillEvent, UserStreamEvent } from '../../src/port/stream-events.js';

let server: KrakenTestServer;
let exchange: CcxtExchange;
let events: UserStreamEvent[];

beforeEach(async () => {
  server = await startKrakenServer();
  exchange = new CcxtExchange({
    venue: 'kraken',
    clock: new SystemClock(),
    apiKey: server.key.key,
    secret: server.key.secret,
    urls: { rest: server.restUrl, wsUser: server.wsAuthUrl },
    rateLimitMs: 1,
    stream: { reconnect: { initialMs: 20, maxMs: 100, jitter: 0 }, idleTimeoutMs: 60_000 },
  });
  await exchange.fetchMarkets();
  events = [];
  exchange.subscribeUserEvents((event) => events.push(event));
  await exchange.whenStreamsSettled();
});

afterEach(async () => {
  await exchange.close();
  await server.close();
});

const fills = (): FillEvent[] => events.filter((event): event is FillEvent => event.type === 'fill');

describe('the Kraken private stream against the local Kraken', () => {
  it('when a fill is executed then it arrives once with its trade id, price, amount and fee, and the order update follows', async () => {
    const execId = server.fill({
      orderId: 'OABC12-XYZ',
      clientOrderId: 'hl-1',
      side: 'buy',
      qty: '0.01',
      price: '97000.5',
      fee: '3.88',
    });

    await eventually(async () => (fills().length === 1 ? true : undefined), { what: 'the fill' });
    await exchange.whenStreamsSettled();
    const [fill] = fills();
    expect(fill?.fill).toMatchObject({
      tradeId: execId,
      orderId: 'OABC12-XYZ',
      clientOrderId: 'hl-1',
      symbol: 'BTC/USD',
      side: 'buy',
      liquidity: 'TAKER',
      feeCurrency: 'USD',
    });
    expect([fill?.fill.price.toFixed(), fill?.fill.amount.toFixed(), fill?.fill.fee.toFixed()]).toEqual([
      '97000.5',
      '0.01',
      '3.88',
    ]);
    const order = events.find((event) => event.type === 'order');
    expect(order?.type === 'order' && [order.order.status, order.order.clientOrderId]).toEqual([
      'FILLED',
      'hl-1',
    ]);
    expect(server.tokens.length).toBe(1);
    expect(server.subscribes.map((subscribe) => subscribe.channel).sort()).toEqual([
      'balances',
      'executions',
    ]);
  });

  it('when a fill happens while the stream is disconnected then the reconnect snapshot delivers it exactly once', async () => {
    server.fill({ orderId: 'O-LIVE', side: 'buy', qty: '0.01', price: '97000', fee: '3.88' });
    await eventually(async () => (fills().length === 1 ? true : undefined), { what: 'the live fill' });
    server.refuseConnections = true;
    server.dropConnections();
    await eventually(async () => (events.some((event) => event.type === 'disconnected') ? true : undefined), {
      what: 'the disconnect',
    });
    const missed = server.fill(
      { orderId: 'O-MISSED', side: 'sell', qty: '0.02', price: '97100', fee: '7.77' },
      { silently: true },
    );
    server.refuseConnections = false;

    await eventually(async () => (fills().length === 2 ? true : undefined), { what: 'the missed fill' });
    await exchange.whenStreamsSettled();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      fills()
        .map((event) => event.fill.tradeId)
        .filter((id) => id === missed),
    ).toHaveLength(1);
    expect(fills()).toHaveLength(2);
  });

  it('when a fill happens while the stream is disconnected and is not in the snapshot then it is backfilled over REST exactly once after the reconnect', async () => {
    server.snapshotTrades = 0;
    server.fill({ orderId: 'O-LIVE', side: 'buy', qty: '0.01', price: '97000', fee: '3.88' });
    await eventually(async () => (fills().length === 1 ? true : undefined), { what: 'the live fill' });

    server.refuseConnections = true;
    server.dropConnections();
    await eventually(async () => (events.some((event) => event.type === 'disconnected') ? true : undefined), {
      what: 'the disconnect',
    });
    const missed = server.fill(
      { orderId: 'O-MISSED', side: 'sell', qty: '0.02', price: '97100', fee: '7.77' },
      { silently: true },
    );
    server.refuseConnections = false;

    await eventually(async () => (fills().length === 2 ? true : undefined), { what: 'the backfilled fill' });
    await exchange.whenStreamsSettled();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const backfilled = fills().filter((event) => event.fill.tradeId === missed);
    expect(backfilled).toHaveLength(1);
    expect(backfilled[0]?.fill.fee.toFixed()).toBe('7.77');
    expect(fills()).toHaveLength(2);
    expect(server.tokens.length).toBeGreaterThanOrEqual(2);
    expect(exchange.userStreamCounters()?.backfilledFills).toBe(1);
  });

  it('when the token is refused (expired) then a new token is fetched and the stream comes back', async () => {
    const before = server.tokens.length;
    server.expireTokens();
    server.dropConnections();

    await eventually(
      async () => (events.filter((event) => event.type === 'connected').length >= 2 ? true : undefined),
      { what: 'the reconnect with a fresh token' },
    );
    expect(server.tokens.length).toBeGreaterThan(before);
    const lastSubscribe = server.subscribes.at(-1);
    expect(lastSubscribe?.token).toBe(server.tokens.at(-1));
    server.fill({ orderId: 'O-AFTER', side: 'buy', qty: '0.01', price: '97000', fee: '1' });
    await eventually(
      async () => (fills().some((event) => event.fill.orderId === 'O-AFTER') ? true : undefined),
      {
        what: 'a fill after the new token',
      },
    );
  });

  it('when the key secret is wrong then GetWebSocketsToken is refused and no subscribe reaches the venue', async () => {
    await exchange.close();
    exchange = new CcxtExchange({
      venue: 'kraken',
      clock: new SystemClock(),
      apiKey: server.key.key,
      secret: Buffer.from('not the secret').toString('base64'),
      urls: { rest: server.restUrl, wsUser: server.wsAuthUrl },
      rateLimitMs: 1,
      retry: { maxRetries: 0 },
      stream: { reconnect: { initialMs: 20, maxMs: 50, jitter: 0 } },
    });
    await exchange.fetchMarkets();
    const subscribesBefore = server.subscribes.length;
    const tokensBefore = server.tokens.length;
    exchange.subscribeUserEvents(() => {});
    await eventually(
      async () =>
        server.requests.filter((path) => path.endsWith('GetWebSocketsToken')).length >= 3 ? true : undefined,
      { what: 'the token requests' },
    );
    expect(server.tokens.length).toBe(tokensBefore);
    expect(server.subscribes.length).toBe(subscribesBefore);
  });
});
