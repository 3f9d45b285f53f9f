// Entries decided at the same time must not all pass a limit that one of them alone reaches: the risk
// gate reads the account's state (working orders, recent orders, positions), and an entry's order row
// is what the next entry's gate sees, so entries of one account are decided one after another, by
// every worker of every replica. Through the real HTTP intake and BullMQ workers (4 at once per
// process, and a second system on the same queues as a replica).
import { storeOf, withAccountLock } from '@hookline/store';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { exitStartLock } from '../../src/exits/index.js';
import { buyAlertBody, SYMBOL, useTradingHarness } from '../support/trading-harness.js';

describe('entries of one account arriving at once', () => {
  const harness = useTradingHarness();

  it.each<[string, number]>([
    ['one process', 1],
    ['two replicas', 2],
  ])(
    'when six buys arrive at once at %s with 1 order a minute allowed then one is ORDERED and the others are refused',
    async (_, replicas) => {
      const env = { HOOKLINE_RISK_ORDER_RATE_PER_MINUTE: '1' };
      const trading = await harness({ env });
      for (let extra = 1; extra < replicas; extra += 1) await trading.restart({ env });
      const prisma = trading.database.prisma;

      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, index) => trading.post(buyAlertBody(`at-once-${index}`))),
      );

      expect(answers.map((answer) => answer.statusCode)).toEqual([202, 202, 202, 202, 202, 202]);
      await eventually(async () => (await prisma.decision.count()) === 6, { what: 'six decisions' });
      const decisions = await prisma.decision.findMany();
      const ordered = decisions.filter((decision) => decision.outcome === 'ORDERED');
      expect(ordered).toHaveLength(1);
      for (const refused of decisions.filter((decision) => decision.outcome !== 'ORDERED'))
        expect(['ORDER_RATE_THROTTLED', 'DUPLICATE_OPEN_ORDER']).toContain(refused.reasonCode);
      const orders = await prisma.tradeRecord.findMany();
      expect(orders.map((order) => order.decisionId)).toEqual([ordered[0]?.decisionId]);
    },
  );

  it('when an exit of the symbol starts while a buy of it waits for its gate then the buy sees the exit and is BLOCKED EXIT_WORKING', async () => {
    const trading = await harness();
    const prisma = trading.database.prisma;
    // Another process starting an exit of BTC/USD holds the symbol's exit-start lock.
    const otherProcess = storeOf(trading.database.prisma);
    let decidedWhileHeld = -1;
    await withAccountLock(otherProcess, exitStartLock('default', SYMBOL), async () => {
      expect((await trading.post(buyAlertBody('buy-during-exit'))).statusCode).toBe(202);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      decidedWhileHeld = await prisma.decision.count();
      await prisma.decision.create({
        data: {
          account: 'default',
          symbol: SYMBOL,
          side: 'SELL',
          intent: 'EXIT',
          outcome: 'ORDERED',
          reasonCode: 'USER_EXIT',
          exitReason: 'USER_EXIT',
          ruleInputs: { exit: { reason: 'USER_EXIT' } },
        },
      });
    });

    const entry = await eventually(
      async () => (await prisma.decision.findFirst({ where: { intent: 'ENTRY' } })) ?? undefined,
      { what: 'the buy decided' },
    );
    expect(decidedWhileHeld).toBe(0);
    expect(entry).toMatchObject({ outcome: 'BLOCKED', reasonCode: 'EXIT_WORKING' });
    expect(await prisma.tradeRecord.count()).toBe(0);
  });
});
