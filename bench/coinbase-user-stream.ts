// Measures wall-clock time, which is what a benchmark is for; the messages themselves are
// synthetic and the same on every run.
import { performance } from 'node:perf_hooks';
import { type Decimal, dec, HooklineError, toPlainString, ZERO } from '@hookline/core';
import { CoinbaseUserChannelParser } from '@hookline/exchange';

/** How much work: `messages` user-channel updates spread over `orders` open orders. */
export interface CoinbaseUserStreamBenchmarkOptions {
  readonly messages: number;
  /** Default 20. */
  readonly orders?: number;
}

/** Parser throughput (plain numbers, for `pnpm hookline bench --json`). */
export interface CoinbaseUserStreamBenchmarkResult {
  /** Order updates plus fills delivered per second. */
  readonly eventsPerSecond: number;
  readonly messagesPerSecond: number;
  readonly seconds: number;
  readonly messages: number;
  readonly events: number;
  readonly fills: number;
}

const startMs = Date.UTC(2025, 0, 1);
const step = dec('0.001');

interface SyntheticOrder {
  readonly id: string;
  cumulative: Decimal;
  value: Decimal;
  fees: Decimal;
}

/**
 * Stream event rate of the Coinbase user-channel parser: N synthetic `user` updates (each a new
 * fill of one of the open orders, cumulative quantity, average price and fees as the venue sends
 * them) parsed into order events and exact per-fill deltas. The JSON is built before the clock
 * starts, so the figure covers JSON parsing, sequence checks and the Decimal arithmetic.
 */
export function benchmarkCoinbaseUserStream(
  options: CoinbaseUserStreamBenchmarkOptions,
): CoinbaseUserStreamBenchmarkResult {
  const orderCount = options.orders ?? 20;
  if (!Number.isSafeInteger(options.messages) || options.messages < 1 || orderCount < 1) {
    throw new HooklineError('INVALID_ARGUMENT', 'the benchmark needs at least 1 message and 1 order', {
      context: { messages: options.messages, orders: orderCount },
    });
  }
  const texts = syntheticMessages(options.messages, orderCount);
  const parser = new CoinbaseUserChannelParser(() => undefined);
  parser.startConnection();
  const receivedAt = new Date(startMs);
  let events = 0;
  let fills = 0;
  const started = performance.now();
  for (const text of texts) {
    for (const event of parser.parse(text, receivedAt).events) {
      events += 1;
      if (event.type === 'fill') fills += 1;
    }
  }
  const seconds = Math.max((performance.now() - started) / 1_000, 1e-9);
  return {
    eventsPerSecond: events / seconds,
    messagesPerSecond: texts.length / seconds,
    seconds,
    messages: texts.length,
    events,
    fills,
  };
}

function syntheticMessages(count: number, orderCount: number): string[] {
  const orders: SyntheticOrder[] = Array.from({ length: orderCount }, (_, index) => ({
    id: `bench-order-${index}`,
    cumulative: ZERO,
    value: ZERO,
    fees: ZERO,
  }));
  const texts: string[] = [];
  for (let sequence = 0; sequence < count; sequence += 1) {
    const order = orders[sequence % orderCount] as SyntheticOrder;
    const price = dec(6_000_000 + (sequence % 997)).dividedBy(100);
    order.cumulative = order.cumulative.plus(step);
    order.value = order.value.plus(price.times(step));
    order.fees = order.fees.plus(price.times(step).times(dec('0.004')));
    texts.push(
      JSON.stringify({
        channel: 'user',
        client_id: '',
        timestamp: new Date(startMs + sequence).toISOString(),
        sequence_num: sequence,
        events: [
          {
            type: 'update',
            orders: [
              {
                order_id: order.id,
                client_order_id: `client-${order.id}`,
                cumulative_quantity: toPlainString(order.cumulative),
                leaves_quantity: '1',
                avg_price: toPlainString(order.value.dividedBy(order.cumulative)),
                total_fees: toPlainString(order.fees),
                status: 'OPEN',
                product_id: 'BTC-USD',
                creation_time: new Date(startMs).toISOString(),
                order_side: 'BUY',
                order_type: 'Limit',
                time_in_force: 'GOOD_UNTIL_CANCELLED',
                post_only: true,
                limit_price: '60000',
              },
            ],
          },
        ],
      }),
    );
  }
  return texts;
}
