import { dec } from '@hookline/core';
import { clientOrderIdOf, storeOf } from '@hookline/store';
import { describe, expect, it } from 'vitest';
import { plain } from '../../../../../test/support/plain-decimal.js';
import { summarizeExit } from '../../../src/exits/executor/exit-executor.js';
import { SYMBOL, useExitHarness } from '../exit-harness.js';

describe('exit executor: restart', () => {
  const harness = useExitHarness();

  it('when the process restarts mid-exit then a new executor continues the same exit from the database', async () => {
    const { buy, exits, newExits, venue, settle, exitOrders, prisma, settings } = await harness();
    await buy('0.01');
    const started = await exits.start({
      symbol: SYMBOL,
      reason: 'TRAILING_STOP',
      positionAmount: dec('0.01'),
      ruleInputs: {},
    });

    // A new process: nothing in memory, only the database and the venue.
    const restarted = await newExits();
    expect(await restarted.activeExitSymbols()).toEqual(new Set([SYMBOL]));
    venue.clock.advance(settings.timeoutMs);
    venue.quote('59990', '59990.01'); // below the resting 60 006: nothing fills
    const [repriced] = await restarted.advance();
    venue.quote('59996', '59996.01');
    await settle();
    const [finished] = await (await newExits()).advance();

    expect(repriced).toMatchObject({
      kind: 'ORDER_PLACED',
      decisionId: started.decisionId,
      attempt: 1,
      clientOrderId: clientOrderIdOf({ decisionId: started.decisionId, attempt: 1 }),
    });
    expect(finished).toMatchObject({ kind: 'FINISHED', outcome: 'SOLD', decisionId: started.decisionId });
    const orders = await exitOrders(started.decisionId);
    expect(orders.map((order) => [plain(order.price), order.status])).toEqual([
      ['60006', 'CANCELED'],
      ['59996', 'FILLED'], // re-priced at the new bid: 59 990 × 1.0001 = 59 995.999 → up to the tick
    ]);
    expect(await prisma.decision.count({ where: { intent: 'EXIT' } })).toBe(1);
    expect(plain((await summarizeExit(storeOf(prisma), started.decisionId)).filledAmount)).toBe('0.01');
  });
});
