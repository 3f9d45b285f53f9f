import { describe, expect, it } from 'vitest';
import { RecordingExits, type SentinelUnderTest, useSentinelHarness } from './sentinel-harness.js';

const BTC = 'BTC/USD';
const ETH = 'ETH/USD';
const SOL = 'SOL/USD';
const AT_COST = { [BTC]: '60000', [ETH]: '3000', [SOL]: '150' };

// Each test runs a first sentinel, stops it (its lease is released, as when the process ends), and
// builds a second system over the same database and Redis: the replica that takes the lease over, or
// the restarted process. What the first remembered must carry over through sentinel_memory.
describe('the sentinel remembers across a restart or a lease hand-over', () => {
  const harness = useSentinelHarness();

  async function memoryOf(h: SentinelUnderTest, kind: string, symbol: string): Promise<unknown> {
    const row = await h.database.prisma.sentinelMemory.findUnique({
      where: { account_kind_symbol: { account: h.account, kind, symbol } },
    });
    return row?.value;
  }

  it('when the position cap is in its second cycle and another sentinel takes over then it continues at that cycle and HALTs after the third', async () => {
    // Three holdings bought by hand: they count, the cap may sell none of them.
    const h = await harness({ USD: '100000', BTC: '0.001', ETH: '0.1', SOL: '1' });
    const settings = { cap: { maxOpenPositions: 2, waitMs: 1_000, maxCycles: 3 } };
    const first = await h.system({ realExecutor: true, settings });
    const outcomes: Array<string | undefined> = [];
    for (let sweep = 0; sweep < 2; sweep += 1) {
      h.quote(AT_COST);
      outcomes.push((await first.sentinel.sweepOnce())?.cap);
      h.advance(1_000);
    }
    await first.sentinel.stop();
    expect(await memoryOf(h, 'CAP_PHASE', '*')).toMatchObject({ kind: 'WAITING', cycle: 2 });

    const second = await h.system({ realExecutor: true, settings });
    for (let sweep = 0; sweep < 2; sweep += 1) {
      h.quote(AT_COST);
      outcomes.push((await second.sentinel.sweepOnce())?.cap);
      h.advance(1_000);
    }

    // Started over, the second would have needed three more cycles before the HALT.
    expect(outcomes).toEqual(['NOTHING_TO_SELL', 'NOTHING_TO_SELL', 'NOTHING_TO_SELL', 'HALTED']);
    expect(await memoryOf(h, 'CAP_PHASE', '*')).toEqual({ kind: 'HALTED' });
    expect(await h.exitDecisions('*')).toHaveLength(1);
  });

  it('when an exit was refused and another sentinel takes over then it keeps backing off', async () => {
    const h = await harness();
    await h.fill('buy', ETH, '1', '3000');
    h.quote({ [ETH]: '2900' }); // −3.3 %: soft stop
    const refusing = () => {
      const exits = new RecordingExits();
      exits.answer = async () => ({
        kind: 'NOT_SOLD',
        decisionId: 'd',
        code: 'NOTHING_AVAILABLE',
        detail: 'held elsewhere',
      });
      return exits;
    };
    const firstExits = refusing();
    const first = await h.sentinel({ exits: firstExits });
    await first.sweepOnce();
    await first.stop();
    expect(firstExits.started).toHaveLength(1);

    const secondExits = refusing();
    const second = await h.sentinel({ exits: secondExits });
    h.advance(3_000);
    h.quote({ [ETH]: '2900' });
    const report = await second.sweepOnce();

    expect(report?.positions).toBe(1); // it did sweep: held back, not skipped
    expect(secondExits.started).toEqual([]);
    h.advance(30_000); // the first back-off is over
    h.quote({ [ETH]: '2900' });
    await second.sweepOnce();
    expect(secondExits.started).toHaveLength(1);
  });

  it('when the executor reported dust and another sentinel takes over then the dust flag is kept until the position closes', async () => {
    const h = await harness();
    await h.fill('buy', ETH, '1', '3000');
    h.quote({ [ETH]: '2900' });
    const firstExits = new RecordingExits();
    firstExits.answer = async () => ({
      kind: 'NOT_SOLD',
      decisionId: 'd',
      code: 'DUST',
      detail: 'below the minimum',
    });
    const first = await h.sentinel({ exits: firstExits });
    await first.sweepOnce();
    await first.stop();
    expect(await memoryOf(h, 'DUST', ETH)).toEqual({ amount: '1' });

    const secondExits = new RecordingExits();
    const second = await h.sentinel({ exits: secondExits });
    h.advance(10 * 60_000); // far past any back-off: only the dust flag holds it back
    h.quote({ [ETH]: '2900' });
    const report = await second.sweepOnce();

    expect(report?.positions).toBe(1);
    expect(secondExits.started).toEqual([]);
    expect(report?.skipped).toEqual([expect.objectContaining({ symbol: ETH })]);

    // The position closes: its memory goes with it.
    await h.fill('sell', ETH, '1', '2900');
    h.quote({ [ETH]: '2900' });
    await second.sweepOnce();
    expect(await memoryOf(h, 'DUST', ETH)).toBeUndefined();
    expect(await memoryOf(h, 'EXIT_RETRY', ETH)).toBeUndefined();
  });

  it('when why-not-sold was recorded and another sentinel takes over then it is not recorded again', async () => {
    const h = await harness();
    await h.fill('buy', BTC, '0.01', '60000');
    const settings = { hodlAssets: new Set(['BTC']) };
    h.quote({ [BTC]: '50000' }); // past the hard stop, but HODL
    const first = await h.sentinel({ settings });
    await first.sweepOnce();
    await first.stop();
    expect(await h.exitDecisions(BTC)).toHaveLength(1);

    const second = await h.sentinel({ settings });
    h.advance(3_000);
    h.quote({ [BTC]: '50000' });
    const report = await second.sweepOnce();

    expect(report?.skipped).toEqual([{ symbol: BTC, code: 'HODL_ASSET', wouldExit: 'HARD_STOP' }]);
    expect(await h.exitDecisions(BTC)).toEqual([
      { reasonCode: 'HODL_ASSET', exitReason: 'HARD_STOP', outcome: 'SKIPPED' },
    ]);
  });

  // A sentinel keeps the position states it wrote while its lease lasts; another replica may write them
  // while it does not hold the lease, so taking the lease anew reads them again.
  it('when another sentinel raised the trailing stop while this one did not hold the lease then this one continues from that stop', async () => {
    const h = await harness();
    await h.fill('buy', ETH, '1', '3000');
    const first = await h.sentinel();
    h.quote({ [ETH]: '3150' }); // +5 %: trailing active
    const before = await first.sweepOnce();
    await first.stop();

    const second = await h.sentinel();
    h.advance(3_000);
    h.quote({ [ETH]: '3300' }); // a new peak: the stop moves up
    const raised = await second.sweepOnce();
    await second.stop();

    h.advance(3_000);
    h.quote({ [ETH]: '3290' }); // below the peak, above the raised stop
    const after = await first.sweepOnce();

    const stopOf = (report: typeof after) =>
      report?.trailingStops.find((t) => t.symbol === ETH)?.stop.toString();
    expect(stopOf(raised)).not.toBe(stopOf(before));
    expect(stopOf(after)).toBe(stopOf(raised));
  });
});
