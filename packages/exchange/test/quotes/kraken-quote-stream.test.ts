import type { AddressInfo } from 'node:net';
import { SystemClock } from '@hookline/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { ExchangeError } from '../../src/index.js';
import { KrakenTickerStream } from '../../src/kraken/kraken-ticker-stream.js';
import { defaultPaperMarkets } from '../../src/paper/paper-market.js';
import type { Ticker } from '../../src/port/market.js';
import type { StreamListener, TickerStreamEvent } from '../../src/port/stream-events.js';
import { MarketQuotes } from '../../src/quotes/market-quotes.js';
import { SymbolResolver } from '../../src/symbols.js';

/** A local Kraken v2 public endpoint: acknowledges ticker subscriptions; the test sends the data. */
interface KrakenTestServer {
  readonly url: string;
  readonly subscribes: unknown[];
  send(message: object): void;
  close(): Promise<void>;
}

async function startKrakenServer(): Promise<KrakenTestServer> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const sockets = new Set<WebSocket>();
  const subscribes: unknown[] = [];
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('message', (data) => {
      const request = JSON.parse(data.toString()) as { method?: string; params?: { symbol?: string[] } };
      if (request.method !== 'subscribe') return;
      subscribes.push(request);
      for (const symbol of request.params?.symbol ?? []) {
        socket.send(
          JSON.stringify({
            method: 'subscribe',
            result: { channel: 'ticker', symbol, event_trigger: 'bbo', snapshot: true },
            success: true,
            time_in: '2025-01-02T12:00:00.000000Z',
            time_out: '2025-01-02T12:00:00.000100Z',
          }),
        );
      }
    });
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v2`,
    subscribes,
    send: (message) => {
      for (const socket of sockets) socket.send(JSON.stringify(message));
    },
    close: async () => {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const resolver = new SymbolResolver(defaultPaperMarkets.map((spec) => spec.market));
let server: KrakenTestServer;
let quotes: MarketQuotes;
let restReads = 0;

beforeEach(async () => {
  server = await startKrakenServer();
  restReads = 0;
  const clock = new SystemClock();
  // The venue as the quote cache sees it: Kraken's ticker stream; REST unreachable (counted).
  const streams = new Set<KrakenTickerStream>();
  const kraken = {
    name: 'kraken',
    fetchMarkets: async () => resolver.markets,
    fetchTicker: async (): Promise<Ticker> => {
      restReads += 1;
      throw new ExchangeError('RATE_LIMITED', '429 Too Many Requests');
    },
    subscribeTickers: (symbols: readonly string[], listener: StreamListener<TickerStreamEvent>) => {
      const stream = new KrakenTickerStream(
        { url: server.url, clock, symbols, resolveSymbol: (symbol) => resolver.find(symbol) },
        listener,
      );
      streams.add(stream);
      return () => stream.close();
    },
  };
  quotes = new MarketQuotes({ exchange: kraken, clock, settings: { fallbackRequestsPerSecond: 1 } });
});

afterEach(async () => {
  quotes.close();
  await server.close();
});

async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the condition did not come true in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const tickerMessage = (type: 'snapshot' | 'update', bid: number, ask: number) => ({
  channel: 'ticker',
  type,
  data: [
    {
      symbol: 'BTC/USD',
      bid,
      bid_qty: 0.25,
      ask,
      ask_qty: 1.5,
      last: bid,
      volume: 1234.5,
      vwap: bid,
      low: bid,
      high: ask,
      change: 0,
      change_pct: 0,
      timestamp: new Date().toISOString(),
    },
    { symbol: 'NOPE/USD', bid: 1, bid_qty: 1, ask: 2, ask_qty: 1 },
  ],
});

describe("quote cache over Kraken's public v2 ticker channel (real ws server)", () => {
  it('when Kraken sends a snapshot and updates then the cache serves them as exact decimals, from the stream', async () => {
    const first = await quotes.readQuotes(['BTC/USD', 'ETH/USD']);
    await until(async () => server.subscribes.length === 1);
    server.send({ channel: 'heartbeat' });
    server.send(tickerMessage('snapshot', 97000.1, 97000.2));
    server.send(tickerMessage('update', 97001.35, 97001.4));
    await until(async () => {
      const quote = (await quotes.readQuotes(['BTC/USD'])).get('BTC/USD');
      return typeof quote === 'object' && quote.bid.equals('97001.35');
    });

    const restReadsOnceStreamed = restReads;
    for (let read = 0; read < 3; read += 1) await quotes.readQuotes(['BTC/USD']);
    const quote = (await quotes.readQuotes(['BTC/USD'])).get('BTC/USD');
    expect(server.subscribes[0]).toEqual({
      method: 'subscribe',
      params: { channel: 'ticker', symbol: ['BTC/USD', 'ETH/USD'], event_trigger: 'bbo', snapshot: true },
    });
    // Before the stream spoke, the one REST fallback read (refused) left a reason, not a guess.
    expect(typeof first.get('BTC/USD')).toBe('string');
    expect(typeof quote === 'object' ? quote : undefined).toMatchObject({ source: 'stream', frozen: false });
    expect(
      typeof quote === 'object'
        ? [quote.bid.toString(), quote.ask.toString(), quote.bidSize.toString(), quote.askSize.toString()]
        : quote,
    ).toEqual(['97001.35', '97001.4', '0.25', '1.5']);
    // REST was tried only while the stream had said nothing; a fresh streamed quote needs none.
    expect(restReadsOnceStreamed).toBeGreaterThanOrEqual(2);
    expect(restReads).toBe(restReadsOnceStreamed);
  });

  it('when Kraken refuses the subscription then the stream reconnects and subscribes again', async () => {
    await quotes.readQuotes(['BTC/USD']);
    await until(async () => server.subscribes.length === 1);
    server.send({ method: 'subscribe', success: false, error: 'Currency pair not supported BTC/USD' });

    await until(async () => server.subscribes.length === 2);
    expect(server.subscribes).toHaveLength(2);
  });
});
