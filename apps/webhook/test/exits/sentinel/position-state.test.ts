import { describe, expect, it } from 'vitest';
import { plain } from '../../../../../test/support/plain-decimal.js';
import { RecordingExits, useSentinelHarness } from '../sentinel-harness.js';

const BTC = 'BTC/USD';

describe('the sentinel remembers each position across sweeps and restarts', () => {
  const harness = useSentinelHarness();

  it('when a sentinel activated trailing and a new sentinel instance takes over then the new one fires the trailing stop where the old one left off', async () => {
    const h = await harness();
    await h.fill('buy', BTC, '0.01', '60000');
    h.quote({ [BTC]: '62400' }); // +4 %: trailing activates, stop = 62400 − 2 % = 61152
    const first = await h.sentinel({ exits: new RecordingExits() });
    await first.sweepOnce();
    await first.stop();

    const stored = await h.database.prisma.positionState.findUniqueOrThrow({
      where: { account_symbol: { account: h.account, symbol: BTC } },
    });
    expect(stored.trailingActive).toBe(true);
    expect(plain(stored.peakPrice)).toBe('62400');
    expect(plain(stored.trailingStop)).toBe('61152');

    // +1.8 %: a sentinel starting from nothing would hold here; the restored stop fires.
    h.advance(3_000);
    h.quote({ [BTC]: '61100' });
    const exits = new RecordingExits();
    await (await h.sentinel({ exits })).sweepOnce();

    expect(exits.started).toEqual([
      expect.objectContaining({ symbol: BTC, reason: 'TRAILING_STOP', positionAmount: expect.anything() }),
    ]);
    expect(plain(exits.started[0]?.positionAmount)).toBe('0.01');
  });

  it('when the trailing stop activates and is raised then each sweep report carries the level it left', async () => {
    const h = await harness();
    await h.fill('buy', BTC, '0.01', '60000');
    const sentinel = await h.sentinel({ exits: new RecordingExits() });
    const levels: string[][] = [];
    // Below activation (no stop yet), +4 % (stop = 62400 − 2 %), +6 % (raised to 63600 − 2 %).
    for (const price of ['60100', '62400', '63600']) {
      h.advance(3_000);
      h.quote({ [BTC]: price });
      const report = await sentinel.sweepOnce();
      levels.push((report?.trailingStops ?? []).map((item) => `${item.symbol} ${plain(item.stop)}`));
    }

    expect(levels).toEqual([[], [`${BTC} 61152`], [`${BTC} 62328`]]);
  });

  it('when nothing about a position changed then its state row is not rewritten', async () => {
    const h = await harness();
    await h.fill('buy', BTC, '0.01', '60000');
    h.quote({ [BTC]: '60100' });
    const sentinel = await h.sentinel({ exits: new RecordingExits() });
    await sentinel.sweepOnce();
    const where = { account_symbol: { account: h.account, symbol: BTC } };
    const before = await h.database.prisma.positionState.findUniqueOrThrow({ where });

    h.advance(3_000);
    h.quote({ [BTC]: '60050' }); // below the peak, no rule: nothing to remember
    await sentinel.sweepOnce();

    const after = await h.database.prisma.positionState.findUniqueOrThrow({ where });
    expect(after.updatedAt.toISOString()).toBe(before.updatedAt.toISOString());
    expect(plain(after.peakPrice)).toBe('60100');
  });

  it('when a position is closed then its state is deleted, so the next position on the symbol starts fresh', async () => {
    const h = await harness();
    await h.fill('buy', BTC, '0.01', '60000');
    h.quote({ [BTC]: '62400' });
    const sentinel = await h.sentinel({ exits: new RecordingExits() });
    await sentinel.sweepOnce();
    expect(await h.database.prisma.positionState.count({ where: { account: h.account } })).toBe(1);

    await h.fill('sell', BTC, '0.01', '62400');
    h.advance(3_000);
    h.quote({ [BTC]: '62400' });
    await sentinel.sweepOnce();

    expect(await h.database.prisma.positionState.count({ where: { account: h.account } })).toBe(0);
  });

  it('when the base asset is a HODL asset then its state row says so', async () => {
    const h = await harness();
    await h.fill('buy', BTC, '0.01', '60000');
    h.quote({ [BTC]: '60100' });
    await (
      await h.sentinel({ exits: new RecordingExits(), settings: { hodlAssets: new Set(['BTC']) } })
    ).sweepOnce();

    const stored = await h.database.prisma.positionState.findUniqueOrThrow({
      where: { account_symbol: { account: h.account, symbol: BTC } },
    });
    expect(stored.hodl).toBe(true);
    expect(stored.dust).toBe(false);
  });
});
