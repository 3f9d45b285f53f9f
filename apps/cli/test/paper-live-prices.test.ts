import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { dec, SystemClock } from '@hookline/core';
import { parseConfig } from '@hookline/schemas';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/support/eventually.js';
import {
  type CoinbaseTestServer,
  startCoinbaseServer,
} from '../../../test/support/venues/coinbase-server/coinbase-server.js';
import { openPaperExchange, type PaperSetup } from '../src/paper-exchange-setup.js';

let dataDir: string;
let setup: PaperSetup | undefined;
const logLines: Array<Record<string, unknown>> = [];
const logger = pino(
  { level: 'debug' },
  new Writable({
    write(chunk, _encoding, done) {
      logLines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  }),
);

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'hookline-paper-live-'));
  logLines.length = 0;
});

afterEach(async () => {
  await setup?.close();
  setup = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

function open(env: Record<string, string>): PaperSetup {
  const config = parseConfig({ MODE: 'paper', DATA_DIR: dataDir, ...env });
  setup = openPaperExchange(config, new SystemClock(), logger, { stateReadOnly: false, historyMinutes: 0 });
  return setup;
}

describe('paper trading on the venue prices of a local Coinbase (ticker channel over real ws)', () => {
  let server: CoinbaseTestServer;

  beforeEach(async () => {
    server = await startCoinbaseServer({ heartbeatIntervalMs: 200 });
  });

  afterEach(async () => {
    await setup?.close();
    setup = undefined;
    await server.close();
  });

  it('when the venue quotes BTC near 97,000 then a paper market buy fills at its ask with the taker fee, from the configured balances, and /readyz is ready', async () => {
    const paper = open({
      EXCHANGE: 'coinbase',
      EXCHANGE_REST_URL: server.restUrl,
      EXCHANGE_WS_URL: server.wsUrl,
      HOOKLINE_PAPER_BALANCES: 'USD:5000',
      HOOKLINE_PAPER_LATENCY_MS: '50',
    });
    await paper.firstRead();
    for (const [symbol, bid, ask] of [
      ['ETH/USD', '3500', '3500.1'],
      ['SOL/USD', '210', '210.01'],
      ['BTC/USD', '97000', '97000.5'],
    ] as const) {
      server.venue.setQuote(symbol, {
        bid: dec(bid),
        ask: dec(ask),
        bidSize: dec('0.4'),
        askSize: dec('0.3'),
      });
    }
    const ticker = await eventually(
      async () => {
        await paper.exchange.refreshPrices();
        const read = await paper.exchange.fetchTicker('BTC/USD').catch(() => undefined);
        return read?.ask.equals('97000.5') === true ? read : undefined;
      },
      { what: 'the venue quote on the paper exchange' },
    );

    const order = await paper.exchange.createOrder({
      type: 'MARKET',
      clientOrderId: 'live-prices-buy',
      symbol: 'BTC/USD',
      side: 'buy',
      amount: dec('0.001'),
    });
    const balances = await paper.exchange.fetchBalances();

    expect([ticker.bid.toFixed(), ticker.bidSize.toFixed(), ticker.askSize.toFixed()]).toEqual([
      '97000',
      '0.4',
      '0.3',
    ]);
    expect([order.status, order.averageFillPrice?.toFixed(), order.fee.toFixed()]).toEqual([
      'FILLED',
      '97000.5',
      '0.582003',
    ]);
    expect(balances.USD?.total.toFixed()).toBe('4902.417497');
    expect(await paper.readiness?.run()).toMatchObject({ ok: true });
    // The order never reached the venue: paper stays inside the process.
    expect(server.requests.filter((request) => request.operation === 'createOrder')).toHaveLength(0);
  });
});

describe('paper trading on live prices when the venue cannot be reached', () => {
  it('when nothing answers at the venue URLs then the start logs the URLs and the simulated alternative, /readyz is not ready, and no order is filled at a made-up price', async () => {
    const paper = open({
      EXCHANGE: 'coinbase',
      EXCHANGE_REST_URL: 'http://127.0.0.1:9',
      EXCHANGE_WS_URL: 'ws://127.0.0.1:9',
    });

    await paper.firstRead();
    const readiness = await paper.readiness?.run();
    const refused = await paper.exchange
      .createOrder({
        type: 'MARKET',
        clientOrderId: 'no-venue',
        symbol: 'BTC/USD',
        side: 'buy',
        amount: dec('0.001'),
      })
      .catch((error: unknown) => error);

    const logged = logLines.find((line) => line.level === 50);
    expect(String(logged?.msg)).toContain('cannot read coinbase (http://127.0.0.1:9, ws://127.0.0.1:9)');
    expect(String(logged?.msg)).toContain('HOOKLINE_PAPER_PRICES=simulated');
    expect(readiness?.ok).toBe(false);
    expect(String(readiness?.detail)).toContain('no price from coinbase (http://127.0.0.1:9');
    expect(String(readiness?.detail)).toContain('HOOKLINE_PAPER_PRICES=simulated');
    expect((refused as Error).message).toContain('no market data for BTC/USD yet');
  });

  it('when HOOKLINE_PAPER_PRICES=simulated then the paper exchange trades the simulated market offline with no readiness check of a venue', async () => {
    const paper = open({ HOOKLINE_PAPER_PRICES: 'simulated', HOOKLINE_PAPER_BALANCES: 'USD:2500,BTC:0.5' });

    await paper.firstRead();
    const ticker = await paper.exchange.fetchTicker('BTC/USD');
    const balances = await paper.exchange.fetchBalances();

    expect(paper.readiness).toBeUndefined();
    expect(ticker.bid.greaterThan(50_000) && ticker.ask.lessThan(70_000)).toBe(true);
    expect([balances.USD?.total.toFixed(), balances.BTC?.total.toFixed()]).toEqual(['2500', '0.5']);
  });
});
