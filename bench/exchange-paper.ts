// Measures wall-clock time, which is what a benchmark is for; the simulation itself still runs
// on a TestClock, so the workload is the same on every run.
import { performance } from 'node:perf_hooks';
import { type Decimal, dec, HooklineError, quantizeDown, TestClock, ZERO } from '@hookline/core';
import { defaultPaperMarkets, PaperExchange, ScriptedPriceSource, SeededRandom } from '@hookline/exchange';

/** How much work the benchmark does: `orders` orders (rounded up to an even number) from a seed. */
export interface PaperBenchmarkOptions {
  readonly orders: number;
  readonly seed?: number;
}

/** Throughput figures of one benchmark run (all plain numbers, for `pnpm hookline bench --json`). */
export interface PaperBenchmarkResult {
  readonly ordersPerSecond: number;
  readonly fillsPerSecond: number;
  readonly streamEventsPerSecond: number;
  readonly seconds: number;
  readonly orders: number;
  readonly fills: number;
  readonly streamEvents: number;
}

const startMs = Date.UTC(2025, 0, 1);

/**
 * Order-to-fill throughput of the paper exchange, through its public port: per round a post-only
 * buy rests, fills partly on one quote and fully on the next (maker), then an IOC sell takes the
 * bid (taker). Counts every user and ticker stream event delivered on the way.
 */
export async function benchmarkPaperExchange(options: PaperBenchmarkOptions): Promise<PaperBenchmarkResult> {
  if (!Number.isSafeInteger(options.orders) || options.orders < 2) {
    throw new HooklineError('INVALID_ARGUMENT', 'the benchmark needs at least 2 orders', {
      context: { orders: options.orders },
    });
  }
  const spec = defaultPaperMarkets[0];
  if (spec === undefined) throw new HooklineError('UNREACHABLE', 'no default paper market');
  const { market } = spec;
  const clock = new TestClock(startMs);
  const source = new ScriptedPriceSource();
  const random = SeededRandom.fromSeed(options.seed ?? 1);
  const big = dec('1000');
  const quote = (bid: Decimal, ask: Decimal, askSize: Decimal) => {
    clock.advance(1_000);
    source.push({
      symbol: market.symbol,
      timeMs: clock.nowMs(),
      bid,
      ask,
      bidSize: big,
      askSize,
      volume: ZERO,
    });
  };
  quote(dec('60000'), dec('60000.01'), big);
  const exchange = new PaperExchange({
    clock,
    markets: [spec],
    priceSource: source,
    initialBalances: { USD: dec('1000000000000') },
  });
  let streamEvents = 0;
  exchange.subscribeUserEvents(() => {
    streamEvents += 1;
  });
  exchange.subscribeTickers([market.symbol], () => {
    streamEvents += 1;
  });
  const rounds = Math.ceil(options.orders / 2);
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    // Integer cents and units of 10^-5 BTC from the seeded generator, turned into Decimals exactly.
    const price = dec(6_000_000 + Math.floor(random.uniform() * 10_000)).dividedBy(100);
    const below = price.minus(market.priceTick);
    const amount = dec(100 + Math.floor(random.uniform() * 1_000)).dividedBy(100_000);
    quote(price, price.plus(market.priceTick), big);
    exchange.tick();
    await exchange.createOrder({
      type: 'LIMIT',
      clientOrderId: `bench-buy-${round}`,
      symbol: market.symbol,
      side: 'buy',
      amount,
      price,
      postOnly: true,
    });
    quote(below, price, quantizeDown(amount.dividedBy(2), market.amountStep));
    exchange.tick();
    quote(below, price, big);
    exchange.tick();
    await exchange.createOrder({
      type: 'LIMIT',
      clientOrderId: `bench-sell-${round}`,
      symbol: market.symbol,
      side: 'sell',
      amount,
      price: below,
      timeInForce: 'IOC',
    });
  }
  const seconds = (performance.now() - started) / 1_000;
  const fills = await countFills(exchange);
  await exchange.close();
  const orders = rounds * 2;
  return {
    ordersPerSecond: orders / seconds,
    fillsPerSecond: fills / seconds,
    streamEventsPerSecond: streamEvents / seconds,
    seconds,
    orders,
    fills,
    streamEvents,
  };
}

async function countFills(exchange: PaperExchange): Promise<number> {
  let count = 0;
  let page = await exchange.fetchFillsSince({});
  count += page.fills.length;
  while (page.hasMore) {
    page = await exchange.fetchFillsSince({ cursor: page.nextCursor });
    count += page.fills.length;
  }
  return count;
}
