import { randomBytes } from 'node:crypto';
import { dec, SequentialIdGenerator, SystemClock } from '@hookline/core';
import {
  CcxtExchange,
  defaultPaperMarkets,
  MarketQuotes,
  PaperExchange,
  startTicking,
  VenuePriceSource,
} from '@hookline/exchange';
import { createLogger } from '@hookline/runtime';
import { parseConfig } from '@hookline/schemas';
import { storeOf } from '@hookline/store';
import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { usePerFileDatabase } from '../../../../test/support/per-file-database.js';
import {
  type CoinbaseTestServer,
  startCoinbaseServer,
} from '../../../../test/support/venues/coinbase-server/coinbase-server.js';
import { buildWebhookSystem } from '../../src/webhook-system.js';
import { PASSPHRASE, READ_TOKEN, testSettings } from '../support/trading-harness.js';

describe('paper mode on live prices, from a TradingView alert to a fill at the venue price', () => {
  const perFile = usePerFileDatabase('paper-live');

  it("when an alert built from the local Coinbase's prices is posted then the entry fills at that venue's ask, not near the simulated 60,000", async () => {
    const server: CoinbaseTestServer = await startCoinbaseServer({ heartbeatIntervalMs: 200 });
    perFile.onCleanup(() => server.close());
    const clock = new SystemClock();
    // What HOOKLINE_PAPER_PRICES=live builds: a keyless adapter of the venue's public data.
    const venue = new CcxtExchange({
      venue: 'coinbase',
      clock,
      urls: { rest: server.restUrl, ws: server.wsUrl },
      requestTimeoutMs: 2_000,
    });
    const venueQuotes = new MarketQuotes({ exchange: venue, clock });
    const source = new VenuePriceSource({
      quotes: venueQuotes,
      symbols: ['BTC/USD'],
      clock,
      venue: 'coinbase',
    });
    const exchange = new PaperExchange({
      clock,
      priceSource: source,
      markets: defaultPaperMarkets,
      book: { depth: 1 },
      latencyMs: 50,
    });
    const stopTicking = startTicking(exchange, 200);
    perFile.onCleanup(async () => {
      stopTicking();
      venueQuotes.close();
      await exchange.close();
      await venue.close();
    });
    await exchange.refreshPrices();
    server.venue.setQuote('BTC/USD', {
      bid: dec('97000'),
      ask: dec('97000.5'),
      bidSize: dec('0.4'),
      askSize: dec('0.3'),
    });
    await eventually(async () => {
      const ticker = await exchange.fetchTicker('BTC/USD').catch(() => undefined);
      return ticker?.ask.equals('97000.5') === true;
    });

    const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    perFile.onCleanup(async () => {
      await redis.quit();
    });
    const prefix = `test-${randomBytes(6).toString('hex')}`;
    const database = perFile.database();
    const system = await buildWebhookSystem(
      {
        config: parseConfig({
          HOOKLINE_ACCOUNT: 'default',
          WEBHOOK_PASSPHRASE: PASSPHRASE,
          HOOKLINE_WEBHOOK_RATE_LIMIT: '0',
          READ_TOKEN,
        }),
        store: storeOf(database.prisma),
        exchange,
        clock,
        logger: createLogger({ level: 'silent', service: 'test' }),
        redis,
      },
      {
        prefix,
        entry: testSettings(),
        alertIds: new SequentialIdGenerator(`${prefix}-alert`),
        backfillIntervalMs: 0,
      },
    );
    perFile.onCleanup(() => system.stop());

    const answer = await system.app.inject({
      method: 'POST',
      url: '/webhook',
      payload: JSON.stringify({
        passphrase: PASSPHRASE,
        id: 'live-prices-1',
        ticker: 'COINBASE:BTCUSD',
        exchange: 'COINBASE',
        action: 'buy',
        price: '97000.5',
        time: new Date().toISOString(),
      }),
      remoteAddress: '52.89.214.238',
      headers: { 'content-type': 'text/plain' },
    });
    const row = await eventually(
      async () => {
        const found = await database.prisma.tradeRecord.findFirst({ include: { fills: true } });
        return found?.status === 'FILLED' && found.fills.length === 1 ? found : undefined;
      },
      { what: 'the filled entry', timeoutMs: 20_000 },
    );

    expect(answer.statusCode).toBe(202);
    expect(row.price?.toString()).toBe('97000.5');
    expect(row.fills[0]?.price.toString()).toBe('97000.5');
    // 100 USD at the venue's ask, truncated to the market's step.
    expect(row.size.toString()).toBe('0.00103092');
    expect(server.requests.filter((request) => request.operation === 'createOrder')).toHaveLength(0);
  });
});
