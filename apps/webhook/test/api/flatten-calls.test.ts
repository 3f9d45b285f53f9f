// Flatten all through the admin API on the paper venue, its port wrapped in a counting decorator:
// the exchange requests of the whole flatten, per kind, for one position and for three. The markets,
// the quotes and the balances are read once however many positions there are; only the sells grow.
import { dec } from '@hookline/core';
import type { Database } from '@hookline/db';
import type { ExchangePort } from '@hookline/exchange';
import { recordFills } from '@hookline/ledger-store';
import { describe, expect, it } from 'vitest';
import type { OnlineWebhookSystem } from '../../src/webhook-system.js';
import { type CountingExchange, countingExchange } from '../support/counting-exchange.js';
import type { PaperVenue } from '../support/trading-harness.js';
import { seedFill, useApiHarness } from './api-harness.js';

const positions = [
  seedFill('t-btc', { symbol: 'BTC/USD', price: dec('59000'), size: dec('0.01') }),
  seedFill('t-eth', { symbol: 'ETH/USD', price: dec('2900'), size: dec('0.2') }),
  seedFill('t-sol', { symbol: 'SOL/USD', price: dec('140'), size: dec('3') }),
];

// ETH and SOL quotes a second after the harness's BTC quote (the scripted source is in time order).
function quoteEthAndSol(venue: PaperVenue): void {
  venue.clock.advance(1_000);
  const timeMs = venue.clock.nowMs();
  for (const [symbol, bid, ask] of [
    ['ETH/USD', '3000', '3000.5'],
    ['SOL/USD', '150', '150.05'],
  ] as const) {
    const size = dec('100');
    venue.source.push({
      symbol,
      timeMs,
      bid: dec(bid),
      ask: dec(ask),
      bidSize: size,
      askSize: size,
      volume: dec(0),
    });
  }
  venue.exchange.tick();
}

// A buy of ours resting far under the market (an entry still working when the flatten comes).
async function restingBuy(system: OnlineWebhookSystem, database: Database, symbol: string): Promise<void> {
  const decision = await database.prisma.decision.create({
    data: { symbol, side: 'BUY', intent: 'ENTRY', outcome: 'ORDERED', reasonCode: 'ORDERED', ruleInputs: {} },
  });
  const clientOrderId = await system.executor.writeIntent({
    decisionId: decision.decisionId,
    account: 'default',
    exchange: 'paper',
    symbol,
    side: 'buy',
    amount: dec('0.1'),
    price: dec('10'),
    postOnly: false,
    trigger: 'ALERT',
    source: 'WEBHOOK',
  });
  await system.executor.submit(clientOrderId);
}

describe('flatten all: exchange calls', () => {
  const harness = useApiHarness();

  async function flattenCounting(count: number, restingBuys: readonly string[] = []) {
    let counting: CountingExchange | undefined;
    const wrapExchange = (exchange: ExchangePort) => {
      counting = countingExchange(exchange);
      return counting.exchange;
    };
    const { admin, database, venue, system } = await harness({
      venueBalances: { USD: dec('1000'), BTC: dec('1'), ETH: dec('1'), SOL: dec('10') },
      wrapExchange,
    });
    quoteEthAndSol(venue);
    await recordFills(database.prisma, positions.slice(0, count));
    for (const symbol of restingBuys) await restingBuy(system, database, symbol);
    counting?.reset();

    const answer = await admin('/api/admin/flatten', { reason: 'exchange storm' });

    return { answer, calls: Object.fromEntries(counting?.calls ?? []), log: counting?.log ?? [], database };
  }

  // One database per test: each row is its own flatten. Only createOrder grows with the positions.
  it.each([
    { count: 1, symbols: ['BTC/USD'] },
    { count: 2, symbols: ['BTC/USD', 'ETH/USD'] },
    { count: 3, symbols: ['BTC/USD', 'ETH/USD', 'SOL/USD'] },
  ])(
    'when $count position(s) are flattened then the markets, the quotes and the balances are read once and $count sell(s) are sent',
    async ({ count, symbols }) => {
      const { answer, calls } = await flattenCounting(count);

      expect(answer.statusCode).toBe(200);
      expect(answer.json.skipped).toEqual([]);
      expect((answer.json.intents as Array<{ symbol: string }>).map((intent) => intent.symbol)).toEqual(
        symbols,
      );
      expect(calls).toEqual({ fetchMarkets: 1, fetchTickers: 1, fetchBalances: 1, createOrder: count });
    },
  );

  it('when our buys rest on two of three symbols then they are found by one store read and canceled one request each, with no open-orders read, before the one balance read', async () => {
    const { answer, calls, log, database } = await flattenCounting(3, ['ETH/USD', 'SOL/USD']);

    expect(answer.json.skipped).toEqual([]);
    expect(calls).toEqual({
      cancelOrder: 2,
      fetchMarkets: 1,
      fetchTickers: 1,
      fetchBalances: 1,
      createOrder: 3,
    });
    expect(log.lastIndexOf('cancelOrder')).toBeLessThan(log.indexOf('fetchBalances'));
    const buys = await database.prisma.tradeRecord.findMany({ where: { side: 'BUY', trigger: 'ALERT' } });
    expect(buys.map((row) => [row.symbol, row.status]).sort()).toEqual([
      ['ETH/USD', 'CANCELED'],
      ['SOL/USD', 'CANCELED'],
    ]);
    const decisions = await database.prisma.decision.findMany({ where: { intent: 'EXIT' } });
    const canceled = Object.fromEntries(
      decisions.map((decision) => [
        decision.symbol,
        (decision.ruleInputs as { canceledOrders: string[] }).canceledOrders.length,
      ]),
    );
    expect(canceled).toEqual({ 'BTC/USD': 0, 'ETH/USD': 1, 'SOL/USD': 1 });
  });

  it('when a MANUAL exit of one position is already working then flatten all leaves its LIMIT alone and reports EXIT_IN_PROGRESS', async () => {
    let counting: CountingExchange | undefined;
    const { admin, database } = await harness({
      venueBalances: { USD: dec('1000'), BTC: dec('1') },
      wrapExchange: (exchange) => {
        counting = countingExchange(exchange);
        return counting.exchange;
      },
    });
    await recordFills(database.prisma, positions.slice(0, 1));
    await admin('/api/admin/flatten', { symbol: 'BTC/USD' });
    counting?.reset();

    const answer = await admin('/api/admin/flatten', {});

    expect(answer.json).toMatchObject({
      intents: [],
      skipped: [{ symbol: 'BTC/USD', reason: 'EXIT_IN_PROGRESS' }],
    });
    expect(counting?.calls.get('cancelOrder')).toBeUndefined();
    const exits = await database.prisma.tradeRecord.findMany({ where: { trigger: 'EXIT' } });
    expect(exits.map((row) => [row.exitReason, row.orderType, row.status])).toEqual([
      ['MANUAL', 'LIMIT', 'OPEN'],
    ]);
  });

  it('when everything is flattened then every decision records the operator with source "api" and the balance the exit sized from', async () => {
    const { answer, database } = await flattenCounting(3);

    const decisions = await database.prisma.decision.findMany({ where: { intent: 'EXIT' } });
    expect(decisions).toHaveLength(3);
    for (const decision of decisions) {
      const inputs = decision.ruleInputs as {
        rule: { operator: { source: string; reason: string } };
        exit: { available: string };
      };
      expect(decision).toMatchObject({ outcome: 'ORDERED', reasonCode: 'EMERGENCY' });
      expect(inputs.rule.operator).toMatchObject({ source: 'api', reason: 'exchange storm' });
    }
    const available = Object.fromEntries(
      decisions.map((decision) => [
        decision.symbol,
        (decision.ruleInputs as { exit: { available: string } }).exit.available,
      ]),
    );
    expect(available).toEqual({ 'BTC/USD': '1', 'ETH/USD': '1', 'SOL/USD': '10' });
    expect(answer.json.intents).toHaveLength(3);
  });
});
