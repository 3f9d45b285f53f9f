import { describe, expect, it } from 'vitest';
import { useSentinelHarness } from '../sentinel-harness.js';

const ETH = 'ETH/USD';
const SOL = 'SOL/USD';

// The sentinel keeps the open positions between sweeps while the account's ledger version stays; any
// writer (here the test, as another replica or an import would) moves the version, and the next sweep
// reads the positions again.
describe('the open positions a sweep reads', () => {
  const harness = useSentinelHarness();

  it.each([
    { name: 'a buy of another symbol is recorded', write: 'buy-sol', positions: [ETH, SOL] },
    { name: 'the whole position is sold', write: 'sell-eth', positions: [] },
    { name: 'nothing is written', write: 'none', positions: [ETH] },
  ])('when between two sweeps $name then the second sweep holds $positions', async ({ write, positions }) => {
    const h = await harness();
    await h.fill('buy', ETH, '1', '3000');
    const sentinel = await h.sentinel();
    h.quote({ [ETH]: '3000', [SOL]: '150' });
    expect((await sentinel.sweepOnce())?.positions).toBe(1);

    if (write === 'buy-sol') await h.fill('buy', SOL, '2', '150');
    if (write === 'sell-eth') await h.fill('sell', ETH, '1', '3000');
    h.advance(3_000);
    h.quote({ [ETH]: '3000', [SOL]: '150' });
    const report = await sentinel.sweepOnce();

    expect(report?.positions).toBe(positions.length);
  });
});
