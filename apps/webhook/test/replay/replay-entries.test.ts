// What the replay refuses about its entry file before anything runs: an entry needs a price to buy
// at, so one for a symbol without ticks, or before the symbol's first tick, names itself and fails.
import { describe, expect, it } from 'vitest';
import { useReplayHarness } from './replay-harness.js';

describe('replay: entries are checked against the tick file', () => {
  const harness = useReplayHarness();

  it.each([
    [
      'before the first tick of its symbol',
      'time,symbol,quantity\n2025-03-03T09:59:00Z,BTC-USD,0.1\n',
      'entry 1 (BTC-USD at 2025-03-03T09:59:00.000Z): before the first BTC/USD tick (2025-03-03T10:00:00.000Z)',
    ],
    [
      'for a symbol the tick file has no prices for',
      'time,symbol,quantity\n2025-03-03T10:00:00Z,BTC/USD,0.1\n2025-03-03T10:00:05Z,ETH/USD,1\n',
      'entry 2 (ETH/USD at 2025-03-03T10:00:05.000Z): the tick file has no prices for it',
    ],
  ])('when an entry is %s then the replay fails naming the entry', async (_case, entriesCsv, message) => {
    await expect(harness.replay('soft-stop', {}, { entriesCsv })).rejects.toThrow(message);
  });

  it('when there is no entry file then nothing is bought or sold', async () => {
    const { report } = await harness.replay('soft-stop', {}, { entriesCsv: undefined });

    expect(report).toMatchObject({ orders: [], fills: [], exits: [], not_sold: [], open_positions: [] });
    expect(report.ticks).toEqual({
      count: 4,
      from: '2025-03-03T10:00:00.000Z',
      to: '2025-03-03T10:00:30.000Z',
    });
  });
});
