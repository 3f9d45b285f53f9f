import { type Decimal, dec, TestClock } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import {
  type CachedQuote,
  type CreateOrderRequest,
  defaultPaperMarkets,
  type Market,
  PaperExchange,
  type QuoteSource,
  VenuePriceSource,
} from '../../src/index.js';

const startMs = Date.UTC(2026, 0, 5, 12);

/** One state of the venue's top of book: from `atMs` after the start (until the next one). */
interface VenueBook {
  readonly atMs: number;
  readonly bid: string;
  readonly ask: string;
  readonly bidSize: string;
  readonly askSize: string;
}

/**
 * The venue's BTC/USD top of book over time, as its quote cache would serve it: the paper exchange
 * reads it through a VenuePriceSource like the real MarketQuotes (the stand-in tests drive that one).
 */
class VenueTimeline implements QuoteSource {
  readonly #clock: TestClock;
  readonly #books: VenueBook[];

  constructor(clock: TestClock, books: readonly VenueBook[]) {
    this.#clock = clock;
    this.#books = [...books].sort((a, b) => a.atMs - b.atMs);
  }

  async readQuotes(symbols: readonly string[]): Promise<ReadonlyMap<string, CachedQuote | string>> {
    const elapsed = this.#clock.nowMs() - startMs;
    const book = this.#books.filter((candidate) => candidate.atMs <= elapsed).at(-1);
    return new Map(
      symbols.map((symbol): [string, CachedQuote | string] => [
        symbol,
        book === undefined || symbol !== 'BTC/USD'
          ? `no quote for ${symbol}`
          : {
              symbol,
              bid: dec(book.bid),
              ask: dec(book.ask),
              bidSize: dec(book.bidSize),
              askSize: dec(book.askSize),
              exchangeTime: this.#clock.now(),
              receivedAt: this.#clock.now(),
              change24hPct: dec('1.57'),
              source: 'stream',
              frozen: false,
            },
      ]),
    );
  }

  async readMarkets(): Promise<readonly Market[]> {
    return defaultPaperMarkets.map((spec) => spec.market);
  }

  frozenSymbols(): readonly string[] {
    return [];
  }

  close(): void {}
}

interface FillCase {
  readonly name: string;
  readonly books: readonly VenueBook[];
  readonly order: Omit<CreateOrderRequest, 'clientOrderId' | 'symbol'>;
  readonly latencyMs: number;
  /** Time after the start at which the paper exchange is ticked (the venue moved meanwhile). */
  readonly watchUntilMs?: number;
  readonly fills: ReadonlyArray<{ price: string; amount: string; fee: string; liquidity: string }>;
  readonly status: string;
  readonly balances: { readonly USD: string; readonly BTC: string };
}

const book = (atMs: number, bid: string, ask: string, bidSize = '1', askSize = '1'): VenueBook => ({
  atMs,
  bid,
  ask,
  bidSize,
  askSize,
});
const fees = { maker: dec('0.001'), taker: dec('0.002') };
const limit = (side: 'buy' | 'sell', amount: string, price: string) =>
  ({ type: 'LIMIT', side, amount: dec(amount), price: dec(price) }) as const;
const market = (side: 'buy' | 'sell', amount: string) =>
  ({ type: 'MARKET', side, amount: dec(amount) }) as const;

// Starting money: 10 000 USD and 1 BTC. Fees: maker 0.1 %, taker 0.2 %.
const cases: readonly FillCase[] = [
  {
    name: 'a market buy fills at the venue ask with the taker fee',
    books: [book(0, '97000', '97000.5')],
    order: market('buy', '0.01'),
    latencyMs: 0,
    fills: [{ price: '97000.5', amount: '0.01', fee: '1.940010', liquidity: 'TAKER' }],
    status: 'FILLED',
    balances: { USD: '9028.05499', BTC: '1.01' },
  },
  {
    name: 'a limit buy above the ask fills at the ask, up to the ask size, and the rest rests',
    books: [book(0, '97000', '97000.5', '1', '0.03')],
    order: limit('buy', '0.05', '97100'),
    latencyMs: 0,
    fills: [{ price: '97000.5', amount: '0.03', fee: '5.82003', liquidity: 'TAKER' }],
    status: 'PARTIALLY_FILLED',
    balances: { USD: '7084.16497', BTC: '1.03' },
  },
  {
    name: 'a resting limit buy fills at its own price with the maker fee when the venue ask comes down to it',
    books: [book(0, '97000', '97000.5'), book(5_000, '96890', '96899')],
    order: limit('buy', '0.02', '96900'),
    latencyMs: 0,
    watchUntilMs: 6_000,
    fills: [{ price: '96900', amount: '0.02', fee: '1.938', liquidity: 'MAKER' }],
    status: 'FILLED',
    balances: { USD: '8060.062', BTC: '1.02' },
  },
  {
    name: 'a resting limit sell fills when the venue bid rises to it, against the bid size only',
    books: [book(0, '97000', '97000.5'), book(5_000, '97210', '97211', '0.4')],
    order: limit('sell', '0.5', '97200'),
    latencyMs: 0,
    watchUntilMs: 6_000,
    fills: [{ price: '97200', amount: '0.4', fee: '38.88', liquidity: 'MAKER' }],
    status: 'PARTIALLY_FILLED',
    balances: { USD: '48841.12', BTC: '0.6' },
  },
  {
    name: 'a market sell fills at the venue bid up to its size and the rest expires',
    books: [book(0, '97000', '97000.5', '0.25')],
    order: market('sell', '0.3'),
    latencyMs: 0,
    fills: [{ price: '97000', amount: '0.25', fee: '48.5', liquidity: 'TAKER' }],
    status: 'EXPIRED',
    balances: { USD: '34201.5', BTC: '0.75' },
  },
  {
    name: 'an order sent at t meets the book at t + latency: the ask that moved meanwhile',
    books: [book(0, '97000', '97000.5'), book(200, '97100', '97100.5')],
    order: market('buy', '0.01'),
    latencyMs: 300,
    fills: [{ price: '97100.5', amount: '0.01', fee: '1.94201', liquidity: 'TAKER' }],
    status: 'FILLED',
    balances: { USD: '9027.05299', BTC: '1.01' },
  },
  {
    name: 'an order whose latency ends before the venue moves meets the old ask',
    books: [book(0, '97000', '97000.5'), book(400, '97100', '97100.5')],
    order: market('buy', '0.01'),
    latencyMs: 300,
    fills: [{ price: '97000.5', amount: '0.01', fee: '1.940010', liquidity: 'TAKER' }],
    status: 'FILLED',
    balances: { USD: '9028.05499', BTC: '1.01' },
  },
];

function venuePaper(books: readonly VenueBook[], latencyMs: number) {
  const clock = new TestClock(startMs);
  const source = new VenuePriceSource({
    quotes: new VenueTimeline(clock, books),
    symbols: ['BTC/USD'],
    clock,
    venue: 'test venue',
  });
  const exchange = new PaperExchange({
    clock,
    priceSource: source,
    markets: defaultPaperMarkets,
    fees,
    book: { depth: 1 },
    latencyMs,
    initialBalances: { USD: dec('10000'), BTC: dec('1') },
    wait: async (milliseconds) => {
      clock.advance(milliseconds);
    },
  });
  return { clock, source, exchange };
}

const plain = (value: Decimal) => value.toFixed();

describe('paper fills against a venue book (table)', () => {
  it.each(cases)('when $name then the fills, status and balances are exact', async (example) => {
    const { clock, exchange } = venuePaper(example.books, example.latencyMs);
    await exchange.refreshPrices();

    const placed = await exchange.createOrder({
      ...example.order,
      clientOrderId: 'venue-fill-model',
      symbol: 'BTC/USD',
    } as CreateOrderRequest);
    if (example.watchUntilMs !== undefined) {
      clock.set(startMs + example.watchUntilMs);
      await exchange.refreshPrices();
    }

    const { fills } = await exchange.fetchFillsSince();
    const order = await exchange.fetchOrder({ orderId: placed.id });
    const balances = await exchange.fetchBalances();
    expect(
      fills.map((fill) => ({
        price: plain(fill.price),
        amount: plain(fill.amount),
        fee: plain(fill.fee),
        liquidity: fill.liquidity,
      })),
    ).toEqual(
      example.fills.map((fill) => ({ ...fill, fee: plain(dec(fill.fee)), price: plain(dec(fill.price)) })),
    );
    expect(order.status).toBe(example.status);
    expect({ USD: plain(balances.USD?.total ?? dec(0)), BTC: plain(balances.BTC?.total ?? dec(0)) }).toEqual({
      USD: plain(dec(example.balances.USD)),
      BTC: plain(dec(example.balances.BTC)),
    });
  });
});

describe('paper prices that follow a venue', () => {
  it('when the venue has not quoted a market then an order on it is refused and the status names the venue and the reason', async () => {
    const { exchange, source } = venuePaper([], 0);
    await exchange.refreshPrices();

    const refused = await exchange
      .createOrder({ clientOrderId: 'no-price', symbol: 'BTC/USD', ...market('buy', '0.01') })
      .catch((error: unknown) => error);

    expect(refused).toMatchObject({ kind: 'TEMPORARY' });
    expect((refused as Error).message).toContain('no market data for BTC/USD yet');
    expect(source.status()).toEqual({
      ready: false,
      missing: ['BTC/USD'],
      reason: 'no price from test venue yet (BTC/USD: no quote for BTC/USD)',
    });
  });

  it('when the venue reports its 24 h change then the paper ticker carries it (the momentum filter reads it)', async () => {
    const { exchange } = venuePaper([book(0, '97000', '97000.5')], 0);

    const ticker = await exchange.fetchTicker('BTC/USD');

    expect([ticker.ask.toFixed(), ticker.change24hPct?.toFixed()]).toEqual(['97000.5', '1.57']);
  });

  it('when the venue quotes the same book again then liquidity a paper order took stays taken until it moves', async () => {
    const { clock, exchange } = venuePaper(
      [book(0, '97000', '97000.5', '1', '0.03'), book(9_000, '97000', '97000.6', '1', '0.03')],
      0,
    );
    await exchange.refreshPrices();
    await exchange.createOrder({ clientOrderId: 'first', symbol: 'BTC/USD', ...market('buy', '0.03') });

    clock.advance(1_000);
    const second = await exchange.createOrder({
      clientOrderId: 'second',
      symbol: 'BTC/USD',
      ...market('buy', '0.01'),
    });
    clock.set(startMs + 9_000);
    const third = await exchange.createOrder({
      clientOrderId: 'third',
      symbol: 'BTC/USD',
      ...market('buy', '0.01'),
    });

    expect([second.status, plain(second.filledAmount)]).toEqual(['EXPIRED', '0']);
    expect([third.status, plain(third.averageFillPrice ?? dec(0))]).toEqual(['FILLED', '97000.6']);
  });
});
