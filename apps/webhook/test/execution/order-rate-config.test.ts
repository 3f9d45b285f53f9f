// HOOKLINE_RISK_ORDER_RATE_PER_MINUTE reaches the service's risk gate: with 2 orders a minute the third
// entry alert within the minute is BLOCKED ORDER_RATE_THROTTLED, through the real HTTP intake and
// workers of a system built from the configuration.
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { buyAlertBody, type TradingUnderTest, useTradingHarness } from '../support/trading-harness.js';

describe('the configured order rate in the running system', () => {
  const harness = useTradingHarness();

  async function decide(trading: TradingUnderTest, alertId: string) {
    const prisma = trading.database.prisma;
    const before = await prisma.decision.count();
    expect((await trading.post(buyAlertBody(alertId))).statusCode).toBe(202);
    await eventually(async () => (await prisma.decision.count()) > before, { what: `${alertId} decided` });
    const decision = await prisma.decision.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    if (decision.outcome === 'ORDERED') {
      // The order reaches the exchange and fills, so the next entry is not a duplicate of a working buy.
      await eventually(
        async () => {
          const order = await prisma.tradeRecord.findFirst({ where: { decisionId: decision.decisionId } });
          return order?.status === 'FILLED';
        },
        { what: `${alertId} filled` },
      );
    }
    return decision.reasonCode;
  }

  it.each<[string, Record<string, string>, string[]]>([
    ['by default (10 a minute)', {}, ['ORDERED', 'ORDERED', 'ORDERED']],
    [
      'at 2 a minute',
      { HOOKLINE_RISK_ORDER_RATE_PER_MINUTE: '2' },
      ['ORDERED', 'ORDERED', 'ORDER_RATE_THROTTLED'],
    ],
  ])(
    'when three entries arrive within a minute %s then they are decided as listed',
    async (_, env, expected) => {
      const trading = await harness({ env });
      const decided: string[] = [];
      for (const id of ['rate-1', 'rate-2', 'rate-3']) decided.push(await decide(trading, id));
      expect(decided).toEqual(expected);
    },
  );
});
