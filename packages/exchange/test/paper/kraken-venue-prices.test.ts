import type { AddressInfo } from 'node:net';
import { dec, SystemClock } from '@hookline/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { ExchangeError, MarketQuotes, PaperExchange, VenuePriceSource } from '../../src/index.js';
import { KrakenTickerStream } from '../../src/kraken/kraken-ticker-stream.js';
import { defaultPaperMarkets } from '../../src/paper/paper-market.js';
import type { Ticker } from '../../src/port/market.js';
import type { StreamListener, TickerStreamEvent } from '../../src/port/stream-events.js';
import { SymbolResolver } from '../../src/symbols.js';

/** A local Kraken v2 public endpoint: acknowledges ticker subscriptions; the test sends the data. */
async function startKrakenServer() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const sockets = new Set<WebSocket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('message', (data) => {
      const request = JSON.parse(data.toString()) as { method?: string; params?: { symbol?: string[] } };
      if (request.method !== 'subscribe') return;
      for (const symbol of request.params?.symbol ?? []) {
        socket.send(
          JSON.stringify({
            method: 'subscribe',
            result: { channel: 'ticker', symbol, event_trigger: 'bbo', snapshot: true },
            success: true,
            time_in: new Date().toISOString(),
            time_out: new Date().toISOString(),
          }),
        );
      }
    });
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v2`,
    subscribed: () => sockets.size > 0,
    send: (message: object) => {
      for (const socket of sockets) socket.send(JSON.stringify(message));
    },
    close: async () => {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// Kraken's documented v2 ticker message (https://docs.kraken.com/api/docs/websocket-v2/ticker).
const ticker = (type: 'snapshot' | 'update', bid: number, bidQty: number, ask: number, askQty: number) => ({
  channel: 'ticker',
  type,
  data: [
    {
      symbol: 'BTC/USD',
      bid,
      bid_qty: bidQty,
      ask,
      ask_qty: askQty,
      last: bid,
      volume: 1234.5,
      vwap: bid,
      low: bid,
      high: ask,
      change: 1500,
      change_pct: 1.57,
      timestamp: new Date().toISOString(),
    },
  ],
});

const resolver = new SymbolResolver(defaultPaperMarkets.map((spec) => spec.market));
let server: Awaited<ReturnType<typeof startKrakenServer>>;
let quotes: MarketQuotes;
let exchange: PaperExchange;

beforeEach(async () => {
  server = await startKrakenServer();
  const clock = new SystemClock();
  // The venue's public data as the paper exchange reads it: Kraken's ticker stream; REST refused.
  const kraken = {
    name: 'kraken',
    fetchMarkets: async () => resolver.markets,
    fetchTicker: async (): Promise<Ticker> => {
      throw new ExchangeError('RATE_LIMITED', '429 Too Many Requests');
    },
    subscribeTickers: (symbols: readonly string[], listener: StreamListener<TickerStreamEvent>) => {
      const stream = new KrakenTickerStream(
        { url: server.url, clock, symbols, resolveSymbol: (symbol) => resolver.find(symbol) },
        listener,
      );
      return () => stream.close();
    },
  };
  quotes = new MarketQuotes({ exchange: kraken, clock });
  const source = new VenuePriceSource({ quotes, symbols: ['BTC/USD'], clock, venue: 'kraken (local)' });
  exchange = new PaperExchange({
    clock,
    priceSource: source,
    markets: defaultPaperMarkets,
    book: { depth: 1 },
    initialBalances: { USD: dec('20000') },
  });
});

afterEach(async () => {
  quotes.close();
  await exchange.close();
  await server.close();
});

async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the condition did not come true in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("paper trading on Kraken's public v2 ticker (local ws server)", () => {
  it('when Kraken quotes BTC then a limit buy above the ask fills at the ask up to its size, and the rest fills at its own price when the market comes down to it', async () => {
    await exchange.refreshPrices();
    await until(async () => server.subscribed());
    server.send(ticker('snapshot', 97000.1, 1, 97000.2, 0.02));
    await until(async () => {
      await exchange.refreshPrices();
      const read = await exchange.fetchTicker('BTC/USD').catch(() => undefined);
      return read?.ask.equals('97000.2') === true;
    });
    const quoted = await exchange.fetchTicker('BTC/USD');

    const order = await exchange.createOrder({
      type: 'LIMIT',
      clientOrderId: 'kraken-limit',
      symbol: 'BTC/USD',
      side: 'buy',
      amount: dec('0.05'),
      price: dec('97050'),
    });
    server.send(ticker('update', 97040, 1, 97045, 1));
    await until(async () => {
      await exchange.refreshPrices();
      return (await exchange.fetchOrder({ orderId: order.id })).status === 'FILLED';
    });
    const { fills } = await exchange.fetchFillsSince();

    expect([order.status, order.filledAmount.toFixed()]).toEqual(['PARTIALLY_FILLED', '0.02']);
    expect(fills.map((fill) => [fill.price.toFixed(), fill.amount.toFixed(), fill.liquidity])).toEqual([
      ['97000.2', '0.02', 'TAKER'],
      ['97050', '0.03', 'MAKER'],
    ]);
    expect([quoted.bid.toFixed(), quoted.bidSize.toFixed(), quoted.askSize.toFixed()]).toEqual([
      '97000.1',
      '1',
      '0.02',
    ]);
  });
});
