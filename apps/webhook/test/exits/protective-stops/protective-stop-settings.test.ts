import { describe, expect, it } from 'vitest';
import {
  type ProtectiveStopMode,
  protectiveStopsEnabled,
} from '../../../src/exits/protective-stops/protective-stop-settings.js';

describe('protectiveStopsEnabled', () => {
  const cases: ReadonlyArray<readonly [ProtectiveStopMode | undefined, boolean, boolean]> = [
    // mode, the venue takes stop orders → the keeper runs
    ['auto', true, true],
    ['auto', false, false],
    ['on', true, true],
    ['off', true, false],
    ['off', false, false],
    [undefined, true, false],
  ];

  for (const [mode, stopOrders, enabled] of cases) {
    it(`when the mode is ${mode ?? 'not set'} and the venue ${stopOrders ? 'takes' : 'takes no'} stop orders then the keeper ${enabled ? 'runs' : 'does not run'}`, () => {
      const settings = mode === undefined ? undefined : { mode, limitOffsetBps: 50 };

      expect(protectiveStopsEnabled(settings, { name: 'venue', stopOrders })).toBe(enabled);
    });
  }

  it('when the mode is on and the venue takes no stop orders then the start is refused naming the key and the venue', () => {
    const start = () =>
      protectiveStopsEnabled({ mode: 'on', limitOffsetBps: 50 }, { name: 'binance', stopOrders: false });

    expect(start).toThrow(
      /CONFIG_INVALID: HOOKLINE_PROTECTIVE_STOPS=on, but the binance venue takes no stop orders/,
    );
  });
});
