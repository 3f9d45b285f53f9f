// The rules between keys guard the real start: `pnpm hookline start webhook` with a soft stop beyond
// the hard stop and a zero ATR multiplier refuses to start, naming both problems.
import { describe, expect, it } from 'vitest';
import { cleanEnvironment, runCli } from './support/run-cli.js';

describe('pnpm hookline start webhook with broken rules between keys', () => {
  it('when the soft stop is beyond the hard stop and the ATR multiplier is 0 then it exits non-zero naming both', async () => {
    const { code, output } = await runCli(
      ['start', 'webhook'],
      cleanEnvironment({
        HOOKLINE_SOFT_STOP_PCT: '6',
        HOOKLINE_HARD_STOP_PCT: '5',
        HOOKLINE_TRAILING_ATR_MULTIPLIER: '0',
        HOOKLINE_TRAILING_STEP_ATR: '0.5',
      }),
    );
    expect(code).toBe(78); // EX_CONFIG, as for every invalid configuration
    expect(output).toContain('invalid configuration (3 problems)');
    expect(output).toContain(
      'HOOKLINE_SOFT_STOP_PCT=6, HOOKLINE_HARD_STOP_PCT=5: the soft stop must be strictly tighter (smaller) than the hard stop',
    );
    expect(output).toContain('HOOKLINE_TRAILING_ATR_MULTIPLIER=0: must be above 0');
    expect(output).not.toContain('webhook started');
  }, 60_000);
});
