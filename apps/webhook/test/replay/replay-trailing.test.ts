// The trailing stop on a scripted path (no matrix in a replay, so no ATR: the stop sits the widest
// 2 % below the peak and is raised only in steps of 0.5 × (2 % / 2) = 0.5 % of the peak). Entry 0.1
// BTC at 60006 + 0.6 % fee = 60366.036; +3.5 % activates trailing at a bid of 62478.85.
//   10:00:10 62000  below activation
//   10:00:20 62500  activates: stop 62500 × 0.98 = 61250
//   10:00:30 62700  candidate 61446 is only 196 above (< 313.50): stop stays 61250
//   10:00:40 63200  candidate 61936 is 686 above (≥ 316): stop 61936
//   10:00:50 63500  candidate 62230 is 294 above (< 317.50): stop stays 61936
//   10:01:00 62500, 10:01:10 61950: above 61936 (a stop moved on every peak, 62230, would fire at 61950)
//   10:01:20 61900  ≤ 61936: TRAILING_STOP, LIMIT at 61900 × 1.0001 = 61906.19, filled at 10:01:30
import { describe, expect, it } from 'vitest';
import { at, exitOrders, exitOrderTimes, firstTicks, sellFills, useReplayHarness } from './replay-harness.js';

const BTC = 'BTC/USD';

describe('replay: the trailing stop on a scripted path', () => {
  const harness = useReplayHarness();

  // The stored state is what a restarted sentinel resumes from (exits/sentinel/position-state.test.ts).
  it.each([
    [2, { active: false, peak: '62000', stop: null }],
    [3, { active: true, peak: '62500', stop: '61250' }],
    [4, { active: true, peak: '62700', stop: '61250' }],
    [5, { active: true, peak: '63200', stop: '61936' }],
    [6, { active: true, peak: '63500', stop: '61936' }],
  ])('when the path stops after %i ticks then the stored trailing state is %o', async (ticks, expected) => {
    const { report, account } = await harness.replay(
      'trailing-stop',
      {},
      {
        ticksCsv: firstTicks('trailing-stop', ticks),
      },
    );

    expect(report.exits).toEqual([]);
    expect(await harness.storedTrailing(account, BTC)).toEqual(expected);
  });

  it('when the bid falls to the stop that was raised in steps then TRAILING_STOP fires there with the stop and peak in its inputs', async () => {
    const { report } = await harness.replay('trailing-stop');

    expect(exitOrders(report)).toEqual([
      {
        type: 'LIMIT',
        time_in_force: 'GTC',
        price: '61906.19',
        size: '0.1',
        status: 'FILLED',
        filled_size: '0.1',
        exit_reason: 'TRAILING_STOP',
      },
    ]);
    expect(exitOrderTimes(report)).toEqual([at('10:01:20')]);
    expect(sellFills(report)).toEqual(['61906.19 × 0.1 MAKER']);
    const exit = report.exits[0];
    expect(report.exits).toEqual([
      expect.objectContaining({ time: at('10:01:20'), reason: 'TRAILING_STOP', filled_size: '0.1' }),
    ]);
    // 0.1 × 61906.19 − 24.762476 maker fee − 6036.6036 cost.
    expect(exit?.pnl_usd).toBe('129.252924');
    const inputs = await harness.exitInputs(exit?.decision_id ?? '');
    expect(inputs.rule.quote.bid).toBe('61900');
    expect(inputs.rule.trailing).toMatchObject({ active: true, peakPrice: '63500', stop: '61936' });
    expect(inputs.completion).toMatchObject({ outcome: 'SOLD', finishedAt: at('10:01:30') });
    expect(report.open_positions).toEqual([]);
  });
});
