import { describe, expect, it } from 'vitest';
import { benchmarkPaperExchange } from '../exchange-paper.js';

// Speed is measured by `pnpm hookline bench`, never asserted: only the shape and the counts are.
describe('benchmarkPaperExchange', () => {
  it('when run for 40 orders then every order fills as scripted and the figures are positive rates', async () => {
    const result = await benchmarkPaperExchange({ orders: 40, seed: 3 });

    expect({ orders: result.orders, fills: result.fills, streamEvents: result.streamEvents }).toEqual({
      orders: 40,
      fills: 60,
      streamEvents: 202,
    });
    for (const figure of [
      result.ordersPerSecond,
      result.fillsPerSecond,
      result.streamEventsPerSecond,
      result.seconds,
    ]) {
      expect(Number.isFinite(figure) && figure > 0).toBe(true);
    }
  });

  it('when asked for fewer than two orders then it refuses', async () => {
    await expect(benchmarkPaperExchange({ orders: 1 })).rejects.toThrow(/at least 2/);
  });
});
