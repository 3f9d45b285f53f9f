// A user's sell and exit alerts through the real path: POST /webhook → alerts row → alert.process
// (BullMQ on real Redis) → the sentinel's exit executor → paper venue → fills → ledger (real Postgres).
import { dec, deriveClientOrderId, sum, toPlainString } from '@hookline/core';
import type { PrismaClient } from '@hookline/db';
import { createLogger } from '@hookline/runtime';
import { readOpenPositions, storeOf } from '@hookline/store';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { plain } from '../../../../test/support/plain-decimal.js';
import { AlertProcessor } from '../../src/execution/alert-processor.js';
import { MemoryDailyBaselineStore } from '../../src/execution/daily-baseline-store.js';
import { UserExits } from '../../src/execution/user-exits.js';
import {
  buyAlertBody,
  PASSPHRASE,
  SYMBOL,
  type TradingUnderTest,
  useTradingHarness,
} from '../support/trading-harness.js';

/** The TradingView strategy template's sell that leaves the strategy flat: an exit of the position. */
function strategyExitBody(): string {
  return JSON.stringify({
    passphrase: PASSPHRASE,
    time: '2024-05-01T12:00:00Z',
    exchange: 'COINBASE',
    ticker: 'BTCUSD',
    bar: { time: '2024-05-01T11:55:00Z', close: 60000 },
    strategy: {
      position_size: 0,
      order_action: 'sell',
      order_contracts: 0.01,
      order_price: 60000,
      order_id: 'Exit',
      market_position: 'flat',
      market_position_size: 0,
      prev_market_position: 'long',
      prev_market_position_size: 0.01,
    },
  });
}

/** A Hookline-template sell of `size` (e.g. `{ base: '0.004' }`). */
function sellBody(id: string, size: Record<string, string>): string {
  return buyAlertBody(id, { action: 'sell', size });
}

async function positionOf(subject: TradingUnderTest): Promise<string> {
  const positions = await readOpenPositions(storeOf(subject.database.prisma), {
    account: 'default',
    markets: await subject.venue.exchange.fetchMarkets(),
  });
  const held = positions.find((position) => position.symbol === SYMBOL);
  return held === undefined ? '0' : toPlainString(held.amount);
}

/** Buys `base` BTC through a buy alert (a LIMIT at the ask: it fills at once) and waits for the ledger. */
async function openPosition(subject: TradingUnderTest, id: string, base: string): Promise<void> {
  expect((await subject.post(buyAlertBody(id, { size: { base } }))).statusCode).toBe(202);
  await eventually(async () => ((await positionOf(subject)) === base ? true : undefined), {
    what: `a ${base} BTC position`,
  });
}

/** Posts an alert and waits for its one decision. */
async function decide(subject: TradingUnderTest, body: string) {
  const answer = await subject.post(body);
  expect(answer.statusCode).toBe(202);
  const alertId = String(answer.json.alertId);
  const decision = await eventually(
    async () => (await subject.database.prisma.decision.findFirst({ where: { alertId } })) ?? undefined,
    { what: `the decision of alert ${alertId}` },
  );
  return { alertId, decision };
}

/** Waits until the exit's orders have sold and the next advance has finished it. */
async function driveToSold(subject: TradingUnderTest, decisionId: string): Promise<void> {
  await subject.pipeline.fills.idle();
  await eventually(
    async () => {
      await subject.system.sentinel.exits.advance();
      const decision = await subject.database.prisma.decision.findUniqueOrThrow({ where: { decisionId } });
      const completion = (decision.ruleInputs as { completion?: { outcome: string } }).completion;
      return completion?.outcome === 'SOLD' ? true : undefined;
    },
    { what: `exit ${decisionId} SOLD` },
  );
}

async function sellsOf(prisma: PrismaClient) {
  return await prisma.tradeRecord.findMany({ where: { side: 'SELL' }, orderBy: { createdAt: 'asc' } });
}

describe("paper mode, a user's sell and exit alerts", () => {
  const harness = useTradingHarness();

  it('when a TradingView strategy exit is posted then the position is closed by a USER_EXIT exit with its fills', async () => {
    const subject = await harness();
    const { database, venue } = subject;
    await openPosition(subject, 'open-1', '0.01');

    const { alertId, decision } = await decide(subject, strategyExitBody());

    expect(decision).toMatchObject({
      intent: 'EXIT',
      side: 'SELL',
      outcome: 'ORDERED',
      reasonCode: 'USER_EXIT',
      exitReason: 'USER_EXIT',
      alertId,
    });
    expect(decision.ruleInputs).toMatchObject({
      rule: { alert: { action: 'exit', symbol: SYMBOL }, position: { amount: '0.01' } },
      exit: { reason: 'USER_EXIT', positionAmount: '0.01', amount: '0.01' },
    });
    expect(await database.prisma.alert.findUniqueOrThrow({ where: { id: alertId } })).toMatchObject({
      status: 'PROCESSED',
      reason: null,
    });
    // The first rung: a LIMIT at bid × (1 + 1 bps) = 60 006, carrying the exit reason. The decision is
    // written before the order is placed, so the sell's row may come a moment after it.
    const sell = await eventually(async () => (await sellsOf(database.prisma))[0], {
      what: "the exit's first sell",
    });
    expect(sell).toMatchObject({
      clientOrderId: deriveClientOrderId(decision.decisionId, 0),
      decisionId: decision.decisionId,
      trigger: 'EXIT',
      exitReason: 'USER_EXIT',
      orderType: 'LIMIT',
    });
    expect(plain(sell?.price)).toBe('60006');
    expect(plain(sell?.size)).toBe('0.01');

    venue.quote('60006', '60006.01');
    await driveToSold(subject, decision.decisionId);

    await eventually(async () => ((await positionOf(subject)) === '0' ? true : undefined), {
      what: 'the position gone from the ledger',
    });
    const fills = await database.prisma.fill.findMany({ where: { side: 'SELL' } });
    expect(fills.map((fill) => [fill.clientOrderId, plain(fill.size), plain(fill.price)])).toEqual([
      [sell?.clientOrderId, '0.01', '60006'],
    ]);
    expect(await database.prisma.decision.count({ where: { alertId } })).toBe(1);
  });

  it.each<[string, string, string, Record<string, string>, boolean]>([
    // size → sold, position left, capped at the position
    ['0.004 BTC', '0.004', '0.006', { base: '0.004' }, false],
    // 0.0040000099 BTC truncates to the market's step (1e-8): never more than asked.
    ['0.0040000099 BTC', '0.004', '0.006', { base: '0.0040000099' }, false],
    // 120 USD at the bid of 60 000 is 0.002 BTC.
    ['120 USD', '0.002', '0.008', { quote: '120' }, false],
    // More than the position sells the position, never more.
    ['0.5 BTC', '0.01', '0', { base: '0.5' }, true],
  ])(
    'when a sell of %s is posted then exactly %s BTC is sold and %s BTC is left',
    async (_name, sold, left, size, capped) => {
      const subject = await harness();
      await openPosition(subject, 'open-1', '0.01');

      const { decision } = await decide(subject, sellBody('sell-1', size));

      expect(decision).toMatchObject({
        outcome: 'ORDERED',
        reasonCode: 'USER_SELL',
        exitReason: 'USER_SELL',
      });
      expect(decision.ruleInputs).toMatchObject({
        exit: { reason: 'USER_SELL', amount: sold, cappedAtPosition: capped },
      });
      subject.venue.quote('60006', '60006.01');
      await driveToSold(subject, decision.decisionId);

      await eventually(async () => ((await positionOf(subject)) === left ? true : undefined), {
        what: `${left} BTC left in the ledger`,
      });
      const sells = await sellsOf(subject.database.prisma);
      expect(sells.map((row) => [row.decisionId, plain(row.filledSize)])).toEqual([
        [decision.decisionId, sold],
      ]);
    },
  );

  it.each([
    ['an exit', buyAlertBody('exit-none', { action: 'exit' })],
    ['a sell', sellBody('sell-none', { base: '0.01' })],
  ])(
    'when %s is posted without a position then it is recorded SKIPPED NO_POSITION, never an error',
    async (_name, body) => {
      const subject = await harness();

      const { alertId, decision } = await decide(subject, body);

      expect(decision).toMatchObject({ intent: 'EXIT', outcome: 'SKIPPED', reasonCode: 'NO_POSITION' });
      expect(await subject.database.prisma.alert.findUniqueOrThrow({ where: { id: alertId } })).toMatchObject(
        {
          status: 'PROCESSED',
          reason: 'NO_POSITION',
        },
      );
      expect(await subject.database.prisma.tradeRecord.count()).toBe(0);
    },
  );

  it('when a sell gives equity_pct then it is refused at the door (422): a sell is sized in base or quote', async () => {
    const subject = await harness();

    const answer = await subject.post(sellBody('sell-pct', { equity_pct: '5' }));

    expect(answer.statusCode).toBe(422);
    expect(String(answer.json.message)).toMatch(/equity_pct sizes buys only/);
  });

  it('when trading is HALTED then an exit alert is BLOCKED TRADING_HALTED and nothing is sold', async () => {
    const subject = await harness();
    await openPosition(subject, 'open-1', '0.01');
    await subject.system.controls.setTradingState('HALTED', { by: 'test', reason: 'halt for the test' });

    const { decision } = await decide(subject, buyAlertBody('exit-halted', { action: 'exit' }));

    expect(decision).toMatchObject({
      outcome: 'BLOCKED',
      reasonCode: 'TRADING_HALTED',
      exitReason: 'USER_EXIT',
    });
    expect(await sellsOf(subject.database.prisma)).toEqual([]);
    expect(await positionOf(subject)).toBe('0.01');
  });

  it('when the job of an exit alert runs twice at once and once more after then one exit is started and sold once', async () => {
    const subject = await harness();
    const { database, venue, system } = subject;
    const prisma = database.prisma;
    await openPosition(subject, 'open-1', '0.01');
    // The alert as ingress stores it, its job not yet run: two workers will run it (a lapsed lock).
    const alert = await prisma.alert.create({
      data: {
        account: 'default',
        idempotencyKey: 'tradingview:id:exit:twice',
        source: 'TRADINGVIEW',
        rawBody: '{}',
        parsedPayload: {
          alert: {
            template: 'hookline',
            id: 'twice',
            action: 'exit',
            symbol: SYMBOL,
            ticker: 'COINBASE:BTCUSD',
            exchange: 'COINBASE',
            price: '60000',
            time: '2024-05-01T12:00:00.000Z',
            size: null,
            orderType: null,
          },
        },
        status: 'ACCEPTED',
        receivedAt: venue.clock.now(),
      },
    });
    const worker = () => {
      const exits = new UserExits(system.settings.exit.hodlAssets);
      exits.bind(system.sentinel.exits);
      return new AlertProcessor({
        store: storeOf(prisma),
        exchange: venue.exchange,
        executor: system.executor,
        clock: venue.clock,
        logger: createLogger({ level: 'silent', service: 'test' }),
        settings: system.settings.entry,
        baselines: new MemoryDailyBaselineStore(),
        exits,
      });
    };
    const [first, second] = [worker(), worker()];

    await Promise.all([first.process(alert.id), second.process(alert.id)]);
    await first.process(alert.id);

    const decisions = await prisma.decision.findMany({ where: { intent: 'EXIT' } });
    expect(decisions).toHaveLength(1);
    const [decision] = decisions;
    expect(decision).toMatchObject({ alertId: alert.id, outcome: 'ORDERED', exitReason: 'USER_EXIT' });
    const ordered = await sellsOf(prisma);
    expect(ordered.map((row) => row.decisionId)).toEqual(ordered.map(() => decision?.decisionId));
    expect(ordered.map((row) => row.clientOrderId)).toContain(
      deriveClientOrderId(decision?.decisionId ?? '', 0),
    );
    for (const row of ordered) expect(venue.ordersWith(row.clientOrderId)).toBeLessThanOrEqual(1);

    venue.quote('60006', '60006.01');
    await driveToSold(subject, decision?.decisionId ?? '');
    await first.process(alert.id);
    await second.process(alert.id);

    expect(await prisma.decision.count({ where: { intent: 'EXIT' } })).toBe(1);
    const sold = sum((await sellsOf(prisma)).map((row) => dec(row.filledSize.toString())));
    expect(toPlainString(sold)).toBe('0.01');
    await eventually(async () => ((await positionOf(subject)) === '0' ? true : undefined), {
      what: 'the position gone from the ledger',
    });
  });

  it('when two exit alerts of one position arrive at once then one exit is started and the other is SKIPPED EXIT_IN_PROGRESS', async () => {
    const subject = await harness();
    const prisma = subject.database.prisma;
    await openPosition(subject, 'open-1', '0.01');
    // A bid that does not reach the exit's LIMIT: the first exit stays working while the second decides.
    subject.venue.quote('59000', '60000.01');

    const answers = await Promise.all(
      ['exit-a', 'exit-b'].map((id) => subject.post(buyAlertBody(id, { action: 'exit' }))),
    );

    expect(answers.map((answer) => answer.statusCode)).toEqual([202, 202]);
    const decisions = await eventually(
      async () => {
        const rows = await prisma.decision.findMany({ where: { intent: 'EXIT' } });
        return rows.length === 2 ? rows : undefined;
      },
      { what: 'both exit alerts decided' },
    );
    expect(decisions.map((row) => `${row.outcome} ${row.reasonCode}`).sort()).toEqual([
      'ORDERED USER_EXIT',
      'SKIPPED EXIT_IN_PROGRESS',
    ]);
    const started = decisions.find((row) => row.outcome === 'ORDERED');
    const sells = await sellsOf(prisma);
    expect(sells.length).toBeGreaterThan(0);
    expect(sells.map((row) => row.decisionId)).toEqual(sells.map(() => started?.decisionId));
  });

  it('when a sell races a resting buy with no position yet then the buy is canceled and the sell is SKIPPED NO_POSITION', async () => {
    // 10 bps under the ask: the entry rests unfilled.
    const subject = await harness({ settings: { offsetBps: 10 } });
    const prisma = subject.database.prisma;
    await subject.post(buyAlertBody('resting-buy', { size: { base: '0.01' } }));
    const entry = await eventually(async () => {
      const row = await prisma.tradeRecord.findFirst({ where: { side: 'BUY' } });
      return row?.status === 'OPEN' ? row : undefined;
    });

    const { decision } = await decide(subject, sellBody('sell-race', { base: '0.01' }));

    expect(decision).toMatchObject({
      outcome: 'SKIPPED',
      reasonCode: 'NO_POSITION',
      exitReason: 'USER_SELL',
    });
    expect((decision.ruleInputs as { canceledOrders: string[] }).canceledOrders).toEqual([
      entry.clientOrderId,
    ]);
    expect(await prisma.tradeRecord.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      status: 'CANCELED',
    });
    expect(await subject.venue.exchange.fetchOpenOrders(SYMBOL)).toEqual([]);
    expect(await positionOf(subject)).toBe('0');
  });

  it('when a buy alert arrives while a user exit of the symbol is working then the buy is BLOCKED EXIT_WORKING', async () => {
    const subject = await harness();
    await openPosition(subject, 'open-1', '0.01');
    const exit = await decide(subject, buyAlertBody('exit-working', { action: 'exit' }));
    expect(exit.decision).toMatchObject({ outcome: 'ORDERED', reasonCode: 'USER_EXIT' });

    const { decision } = await decide(subject, buyAlertBody('buy-during-exit', { size: { base: '0.01' } }));

    expect(decision).toMatchObject({ intent: 'ENTRY', outcome: 'BLOCKED', reasonCode: 'EXIT_WORKING' });
    expect(decision.ruleInputs).toMatchObject({
      risk: { exitWorking: { symbol: SYMBOL, exitWorking: true } },
    });
    expect(await subject.database.prisma.tradeRecord.count({ where: { side: 'BUY' } })).toBe(1);
  });
});
