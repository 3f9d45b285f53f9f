import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { END_ADVISORY_LOCK_HOLDERS } from '../../../../../test/support/advisory-locks.js';
import { plain } from '../../../../../test/support/plain-decimal.js';
import { SYMBOL, useExitHarness } from '../exit-harness.js';

const ruleInputs = { rule: 'test' };

describe('exit executor: starting an exit', () => {
  const harness = useExitHarness();

  it('when an exit starts then our working buy on the symbol is canceled before the sell is placed', async () => {
    const { buy, restingBuy, exits, venue, prisma } = await harness();
    await buy('0.01');
    const entry = await restingBuy('0.01', '59000');
    expect(entry.status).toBe('OPEN');

    const result = await exits.start({
      symbol: SYMBOL,
      reason: 'SOFT_STOP',
      positionAmount: dec('0.01'),
      ruleInputs,
    });

    expect(result.kind).toBe('STARTED');
    const canceled = await prisma.tradeRecord.findUniqueOrThrow({ where: { id: entry.id } });
    expect(canceled.status).toBe('CANCELED');
    expect(canceled.statusReason).toContain('exit SOFT_STOP');
    const open = await venue.exchange.fetchOpenOrders(SYMBOL);
    expect(open.map((order) => order.side)).toEqual(['sell']);
    // The decision (written before the sell) records the cancel as done first.
    const decision = await prisma.decision.findUniqueOrThrow({ where: { decisionId: result.decisionId } });
    expect((decision.ruleInputs as { canceledOrders: string[] }).canceledOrders).toEqual([
      entry.clientOrderId,
    ]);
  });

  it('when the exchange holds more than the position then the sell is capped at the position', async () => {
    const { buy, exits, exitOrders, prisma } = await harness({
      initialBalances: { USD: dec('100000'), BTC: dec('1') },
    });
    await buy('0.01');

    const result = await exits.start({
      symbol: SYMBOL,
      reason: 'SOFT_STOP',
      positionAmount: dec('0.01'),
      ruleInputs,
    });

    if (result.kind !== 'STARTED') throw new Error(`not started: ${JSON.stringify(result)}`);
    expect(plain(result.amount)).toBe('0.01');
    const [sell] = await exitOrders(result.decisionId);
    expect(plain(sell?.size)).toBe('0.01');
    const decision = await prisma.decision.findUniqueOrThrow({ where: { decisionId: result.decisionId } });
    expect(decision.ruleInputs).toMatchObject({
      exit: { available: '1.01', positionAmount: '0.01', amount: '0.01' },
    });
  });

  it('when a soft stop starts then it is one LIMIT GTC at bid + 1 bps carrying the exit reason on decision and order', async () => {
    const { buy, exits, exitOrders, prisma } = await harness();
    await buy('0.01');

    const result = await exits.start({
      symbol: SYMBOL,
      reason: 'SOFT_STOP',
      positionAmount: dec('0.01'),
      ruleInputs,
    });

    if (result.kind !== 'STARTED') throw new Error(`not started: ${JSON.stringify(result)}`);
    const decision = await prisma.decision.findUniqueOrThrow({ where: { decisionId: result.decisionId } });
    expect(decision).toMatchObject({
      intent: 'EXIT',
      side: 'SELL',
      outcome: 'ORDERED',
      exitReason: 'SOFT_STOP',
    });
    const orders = await exitOrders(result.decisionId);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      clientOrderId: result.clientOrderId,
      side: 'SELL',
      orderType: 'LIMIT',
      timeInForce: 'GTC',
      status: 'OPEN',
      trigger: 'EXIT',
      exitReason: 'SOFT_STOP',
    });
    expect(plain(orders[0]?.price)).toBe('60006');
  });

  it('when an exit of the symbol is already working then a second start is EXIT_IN_PROGRESS and sends nothing', async () => {
    const { buy, exits, prisma, venue } = await harness();
    await buy('0.01');
    const first = await exits.start({
      symbol: SYMBOL,
      reason: 'SOFT_STOP',
      positionAmount: dec('0.01'),
      ruleInputs,
    });

    const second = await exits.start({
      symbol: SYMBOL,
      reason: 'HARD_STOP',
      positionAmount: dec('0.01'),
      ruleInputs,
    });

    expect(first.kind).toBe('STARTED');
    expect(second).toMatchObject({ kind: 'NOT_SOLD', code: 'EXIT_IN_PROGRESS' });
    const decision = await prisma.decision.findUniqueOrThrow({ where: { decisionId: second.decisionId } });
    expect(decision).toMatchObject({
      outcome: 'SKIPPED',
      reasonCode: 'EXIT_IN_PROGRESS',
      exitReason: 'HARD_STOP',
    });
    expect(await exits.activeExitSymbols()).toEqual(new Set([SYMBOL]));
    expect(await venue.exchange.fetchOpenOrders(SYMBOL)).toHaveLength(1);
  });

  it("when the start lock's session ends while the start waits on the venue then it writes nothing, and another start sells the position once", async () => {
    const { buy, exits, newExits, prisma, venue } = await harness();
    await buy('0.01');
    const request = { symbol: SYMBOL, reason: 'SOFT_STOP' as const, positionAmount: dec('0.01'), ruleInputs };
    // While the first start has read the balance and waits (a slow venue), its lock session ends (a
    // network cut, a server restart): the lock passes to another process, which starts the exit.
    const other = await newExits();
    const { exchange } = venue;
    const fetchBalances = exchange.fetchBalances.bind(exchange);
    let otherStart: Awaited<ReturnType<typeof other.start>> | undefined;
    exchange.fetchBalances = async () => {
      exchange.fetchBalances = fetchBalances;
      const read = await fetchBalances();
      await prisma.$queryRawUnsafe(END_ADVISORY_LOCK_HOLDERS);
      otherStart = await other.start(request);
      return read;
    };

    await expect(exits.start(request)).rejects.toThrow();

    expect(otherStart?.kind).toBe('STARTED');
    const decisions = await prisma.decision.findMany({ where: { intent: 'EXIT' } });
    expect(decisions.map((decision) => decision.outcome)).toEqual(['ORDERED']);
    expect(await venue.exchange.fetchOpenOrders(SYMBOL)).toHaveLength(1);
    expect(await exits.activeExitSymbols()).toEqual(new Set([SYMBOL]));
  });

  it('when what is left of the position is below the exchange minimum then it is DUST and nothing is sent', async () => {
    const { buy, sellOutsideExit, exits, prisma, position } = await harness();
    await buy('0.00003');
    await sellOutsideExit('0.00002');
    expect(await position()).toBe('0.00001'); // 0.6 USD at 60 000: below the 1 USD minimum notional

    const result = await exits.start({
      symbol: SYMBOL,
      reason: 'SOFT_STOP',
      positionAmount: dec('0.00001'),
      ruleInputs,
    });

    expect(result).toMatchObject({ kind: 'NOT_SOLD', code: 'DUST' });
    const decision = await prisma.decision.findUniqueOrThrow({ where: { decisionId: result.decisionId } });
    expect(decision).toMatchObject({ outcome: 'SKIPPED', reasonCode: 'DUST' });
    expect(await prisma.tradeRecord.count({ where: { decisionId: result.decisionId } })).toBe(0);
    expect(await exits.activeExitSymbols()).toEqual(new Set());
  });

  it('when the exchange shows none of the asset available then it is NOTHING_AVAILABLE', async () => {
    const { exits } = await harness();

    const result = await exits.start({
      symbol: SYMBOL,
      reason: 'SOFT_STOP',
      positionAmount: dec('0.01'),
      ruleInputs,
    });

    expect(result).toMatchObject({ kind: 'NOT_SOLD', code: 'NOTHING_AVAILABLE' });
  });

  it.each([
    ['SOFT_STOP', 'NOT_SOLD'],
    ['HARD_STOP', 'STARTED'],
  ] as const)(
    'when trading is HALTED then a %s exit is %s (only emergencies pass the gate)',
    async (reason, kind) => {
      const { buy, exits, setControls, prisma } = await harness();
      await buy('0.01');
      setControls({ tradingState: 'HALTED' });

      const result = await exits.start({ symbol: SYMBOL, reason, positionAmount: dec('0.01'), ruleInputs });

      expect(result.kind).toBe(kind);
      const decision = await prisma.decision.findUniqueOrThrow({ where: { decisionId: result.decisionId } });
      expect(decision.outcome).toBe(kind === 'STARTED' ? 'ORDERED' : 'BLOCKED');
      if (result.kind === 'NOT_SOLD') expect(result.code).toBe('TRADING_HALTED');
    },
  );

  it('when the quote cannot be read then even a hard stop is PRICE_UNAVAILABLE (no fallback price)', async () => {
    const { buy, exits, venue } = await harness();
    await buy('0.01');
    venue.exchange.faults.inject('fetchTicker', { type: 'reject', kind: 'TEMPORARY' });

    const result = await exits.start({
      symbol: SYMBOL,
      reason: 'HARD_STOP',
      positionAmount: dec('0.01'),
      ruleInputs,
    });

    expect(result).toMatchObject({ kind: 'NOT_SOLD', code: 'PRICE_UNAVAILABLE' });
  });
});
