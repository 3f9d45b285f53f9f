import { dec, SystemClock, type TestClock } from '@hookline/core';
import { ExchangeLanes } from '@hookline/exchange';
import { storeOf } from '@hookline/store';
import { describe, expect, it } from 'vitest';
import { readCircuit } from '../../../src/controls/exchange-circuit.js';
import { summarizeExit } from '../../../src/exits/executor/exit-executor.js';
import { SYMBOL, useExitHarness } from '../exit-harness.js';

// The paper venue runs through the live adapter's budgets and breakers on its clock; the budgets are
// wide and on the system clock, since these tests are about the breakers.
const lanesFor = (clock: TestClock) =>
  new ExchangeLanes({
    exchange: 'paper',
    clock,
    budgetClock: new SystemClock(),
    ordersPerSecond: 1_000,
    marketDataPerSecond: 1_000,
  });

describe('exit executor: the hard stop and the exchange breakers', () => {
  const harness = useExitHarness();

  it('when ticker reads got 429s until the market data breaker opened then the hard stop still sells, quoted by the stream', async () => {
    const { buy, exits, venue, quotes, settle, exitOrders, position, prisma, setControls } = await harness({
      lanesFor,
    });
    await buy('0.01');
    await quotes.readQuotes([SYMBOL]); // the sentinel's first sweep: the cache watches the symbol
    venue.exchange.faults.inject('fetchTicker', { type: 'rateLimit' }, 5);
    for (let read = 0; read < 5; read += 1) await venue.exchange.fetchTicker(SYMBOL).catch(() => undefined);
    const refusedRead = await venue.exchange.fetchTicker(SYMBOL).catch((error: unknown) => error);
    const circuit = readCircuit(venue.exchange);
    // The operator's controls as the service builds them from the circuit view.
    setControls({ exchangeHealth: circuit.health, orderCircuitHealth: circuit.ordersHealth });
    venue.quote('55000', '55000.01'); // the crash, seen on the ticker stream

    const started = await exits.start({
      symbol: SYMBOL,
      reason: 'HARD_STOP',
      positionAmount: dec('0.01'),
      ruleInputs: { pnlPct: '-8.3' },
    });
    await settle();

    expect(refusedRead).toMatchObject({ context: { circuit: 'OPEN', scope: 'marketData' } });
    expect(circuit).toMatchObject({
      health: 'OFFLINE',
      marketDataHealth: 'OFFLINE',
      ordersHealth: 'HEALTHY',
    });
    expect(started.kind).toBe('STARTED');
    const orders = await exitOrders(started.kind === 'STARTED' ? started.decisionId : '');
    expect(orders.map((order) => [order.orderType, order.timeInForce, order.status])).toEqual([
      ['LIMIT', 'IOC', 'FILLED'],
    ]);
    const summary = await summarizeExit(
      storeOf(prisma),
      started.kind === 'STARTED' ? started.decisionId : '',
    );
    expect(summary).toMatchObject({ status: 'SOLD', reason: 'HARD_STOP' });
    expect(await position()).toBe('0');
    expect(readCircuit(venue.exchange).circuits?.marketData.state).toBe('OPEN');
  });

  it('when the orders breaker is OPEN then a soft stop is refused CIRCUIT_OFFLINE but the hard stop is sent as the probe and sells', async () => {
    const { buy, exits, venue, quotes, settle, exitOrders, position, setControls } = await harness({
      lanesFor,
    });
    await buy('0.02');
    await quotes.readQuotes([SYMBOL]);
    venue.exchange.faults.inject('fetchBalances', { type: 'rateLimit' }, 5);
    for (let read = 0; read < 5; read += 1) await venue.exchange.fetchBalances().catch(() => undefined);
    const offline = readCircuit(venue.exchange);
    setControls({ exchangeHealth: offline.health, orderCircuitHealth: offline.ordersHealth });
    venue.quote('55000', '55000.01');

    const soft = await exits.start({
      symbol: SYMBOL,
      reason: 'SOFT_STOP',
      positionAmount: dec('0.02'),
      ruleInputs: { pnlPct: '-3' },
    });
    const hard = await exits.start({
      symbol: SYMBOL,
      reason: 'HARD_STOP',
      positionAmount: dec('0.02'),
      ruleInputs: { pnlPct: '-8.3' },
    });
    await settle();

    expect(offline).toMatchObject({ ordersHealth: 'OFFLINE', marketDataHealth: 'HEALTHY' });
    expect(soft).toMatchObject({ kind: 'NOT_SOLD', code: 'CIRCUIT_OFFLINE' });
    expect(hard.kind).toBe('STARTED');
    const orders = await exitOrders(hard.kind === 'STARTED' ? hard.decisionId : '');
    expect(orders.map((order) => order.status)).toEqual(['FILLED']);
    expect(await position()).toBe('0');
    // The probe got an answer (half-open), and the exit's next requests closed the breaker again.
    expect(readCircuit(venue.exchange).circuits?.orders).toMatchObject({ state: 'CLOSED', urgentProbes: 1 });
  });
});
