import { SWEEP_PHASES } from '@hookline/webhook';
import { describe, expect, it } from 'vitest';
import { RecordingExits, useSentinelHarness } from '../sentinel-harness.js';

const BTC = 'BTC/USD';
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('a sweep report says how long each step of the sweep took', () => {
  const harness = useSentinelHarness();

  it('when advancing the working exits and starting an exit are slow then the report puts the time in those two phases', async () => {
    const h = await harness();
    await h.fill('buy', BTC, '0.01', '60000');
    h.quote({ [BTC]: '54000' }); // −10 %: the hard stop fires
    const exits = new RecordingExits();
    exits.onAdvance = () => wait(40);
    const answer = exits.answer;
    exits.answer = async (request) => {
      await wait(30);
      return await answer(request);
    };
    const report = await (await h.sentinel({ exits })).sweepOnce();

    expect(exits.started.map((request) => request.reason)).toEqual(['HARD_STOP']);
    expect(Object.keys(report?.phaseMs ?? {})).toEqual([...SWEEP_PHASES]);
    expect(report?.phaseMs.advance).toBeGreaterThanOrEqual(39);
    expect(report?.phaseMs.act).toBeGreaterThanOrEqual(29);
  });
});
