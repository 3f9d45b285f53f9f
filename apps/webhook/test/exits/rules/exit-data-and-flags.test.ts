import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import {
  decide,
  ENTRY,
  market,
  NOW,
  outcome,
  position,
  type Scenario,
  settings,
  signal,
  trailing,
} from './exit-fixtures.js';

describe('exit rules: stale or invalid data is not evaluated', () => {
  it.each<[string, Scenario['market'], string | undefined, string]>([
    ['the quote is 15 001 ms old', market('90', { quoteTimeMs: NOW - 15_001 }), undefined, 'QUOTE_TOO_OLD'],
    ['the quote time is NaN', market('90', { quoteTimeMs: Number.NaN }), undefined, 'QUOTE_TOO_OLD'],
    ['the bid is zero', market('0'), undefined, 'INVALID_BID'],
    ['the bid is negative', market('-1'), undefined, 'INVALID_BID'],
    ['the ask is zero', market('90', { ask: dec('0') }), undefined, 'INVALID_ASK'],
    ['the book is crossed (ask < bid)', market('90', { ask: dec('89.99') }), undefined, 'CROSSED_QUOTE'],
    ['the average cost is zero', market('90'), '0', 'INVALID_AVERAGE_COST'],
  ])(
    'when %s then STALE_DATA, problem %s, nothing would exit and the state is unchanged',
    (_name, quote, cost, problem) => {
      const state = trailing('110', '108');
      const held = position(cost === undefined ? {} : { averageCost: dec(cost) });

      const verdict = decide({ position: held, state, market: quote });

      expect(outcome(verdict)).toBe('SKIP STALE_DATA');
      expect(verdict.state).toBe(state);
      expect(verdict.stateChanged).toBe(false);
      expect(verdict.inputs.problem).toBe(problem);
    },
  );

  it('when there is no state yet and the quote is stale then the new state is not worth saving', () => {
    const verdict = decide({ market: market('90', { quoteTimeMs: NOW - 15_001 }) });

    expect(outcome(verdict)).toBe('SKIP STALE_DATA');
    expect(verdict.stateChanged).toBe(false);
  });

  it.each<[string, number, string]>([
    ['the quote is exactly 15 000 ms old', NOW - 15_000, 'EXIT HARD_STOP'],
    ['the quote is stamped after now (clock skew)', NOW + 500, 'EXIT HARD_STOP'],
  ])('when %s then it is evaluated: %s', (_name, quoteTimeMs, expected) => {
    expect(outcome(decide({ market: market('90', { quoteTimeMs }) }))).toBe(expected);
  });

  it('when the ask equals the bid (a locked book) then it is evaluated', () => {
    expect(outcome(decide({ market: market('90', { ask: dec('90') }) }))).toBe('EXIT HARD_STOP');
  });
});

describe('exit rules: HODL and dust positions are never sold by a rule', () => {
  const allOn = settings({ takeProfitPct: '3', maxHoldMs: 1 });

  it.each<[string, Scenario['market'], ReturnType<typeof trailing> | undefined, string]>([
    ['a hard stop', market('90'), undefined, 'HARD_STOP'],
    ['a soft stop', market('97'), undefined, 'SOFT_STOP'],
    ['a trailing stop', market('108'), trailing('110', '108'), 'TRAILING_STOP'],
    ['a take-profit', market('103'), undefined, 'TAKE_PROFIT'],
    ['a fresh SELL', market('101', { signal: signal('SELL') }), undefined, 'SIGNAL_EXIT'],
    ['TTL', market('101'), undefined, 'TTL'],
  ])('when %s would fire then HODL skips with HODL_ASSET and dust with DUST', (_name, quote, state, rule) => {
    const hodl = decide({ position: position({ hodl: true }), state, market: quote, settings: allOn });
    const dust = decide({ position: position({ dust: true }), state, market: quote, settings: allOn });
    const both = decide({
      position: position({ hodl: true, dust: true }),
      state,
      market: quote,
      settings: allOn,
    });

    expect(outcome(hodl)).toBe(`SKIP HODL_ASSET ${rule}`);
    expect(outcome(dust)).toBe(`SKIP DUST ${rule}`);
    expect(outcome(both)).toBe(`SKIP HODL_ASSET ${rule}`);
    expect(hodl.inputs).toMatchObject({ rule, hodl: true });
  });

  it.each([
    ['HODL', position({ hodl: true })],
    ['dust', position({ dust: true })],
  ])(
    'when a %s position has no rule firing then HOLD, and its trailing state is still tracked',
    (_name, held) => {
      const verdict = decide({ position: held, market: market('104') });

      expect(outcome(verdict)).toBe('HOLD');
      expect(verdict.state).toMatchObject({ trailingActive: true, peakPrice: dec('104') });
      expect(verdict.stateChanged).toBe(true);
    },
  );
});

describe('exit rules: the state that comes back', () => {
  it.each<[string, Scenario, boolean, string]>([
    ['there is no state yet', { market: market('100') }, true, '100'],
    ['the bid is below the known peak', { state: trailing('101'), market: market('100') }, false, '101'],
    ['the bid equals the known peak', { state: trailing('100'), market: market('100') }, false, '100'],
    ['the bid is above the known peak', { state: trailing('99'), market: market('100') }, true, '100'],
    [
      'the state belongs to an earlier position (another entry time)',
      { state: { ...trailing('150', '147'), entryTimeMs: ENTRY - 1 }, market: market('100') },
      true,
      '100',
    ],
  ])('when %s then changed is %s and the peak %s', (_name, scenario, changed, peak) => {
    const verdict = decide(scenario);

    expect(verdict.stateChanged).toBe(changed);
    expect(verdict.state.peakPrice.toFixed()).toBe(peak);
    expect(verdict.state.entryTimeMs).toBe(ENTRY);
  });

  it('when a leftover active stop belongs to an earlier position then it does not sell the new one', () => {
    const leftover = { ...trailing('150', '147'), entryTimeMs: ENTRY - 1 };

    const verdict = decide({ state: leftover, market: market('100') });

    expect(outcome(verdict)).toBe('HOLD');
    expect(verdict.state).toMatchObject({ trailingActive: false, trailingStop: undefined });
  });
});

describe('exit rules: inputs say why', () => {
  it('when a hard stop fires then the inputs carry the quote, P&L, levels, trailing, signal and thresholds', () => {
    const verdict = decide({ market: market('94.5', { signal: signal('SELL', 1_000) }) });

    expect(verdict.inputs).toEqual({
      rule: 'HARD_STOP',
      symbol: 'BTC/USD',
      hodl: false,
      dust: false,
      quote: { bid: '94.5', ask: '94.51', quoteAgeMs: 1_000 },
      position: { amount: '0.5', averageCost: '100', pnlPct: '-5.5', heldMs: 3_600_000 },
      levels: {
        hardStopPrice: '95',
        softStopPrice: '97.5',
        trailingActivationPrice: '103.5',
        takeProfitPrice: null,
      },
      trailing: {
        active: false,
        peakPrice: '94.5',
        stop: null,
        distance: null,
        atr: '1',
        atrAgeMs: 60_000,
        atrUsed: null,
        atrFallback: null,
        minimumRaise: null,
      },
      signal: { action: 'SELL', ageMs: 1_000, freshSell: true },
      settings: {
        hardStopPct: '5',
        softStopPct: '2.5',
        trailingActivationPct: '3.5',
        trailingAtrMultiplier: '2',
        trailingMinPct: '1',
        trailingMaxPct: '2',
        trailingStepAtr: '0.5',
        takeProfitPct: null,
        maxHoldMs: null,
        maxQuoteAgeMs: 15_000,
        maxSignalAgeMs: 900_000,
      },
    });
  });

  // A HODL position with a fresh SELL: every case fires a rule, so the full inputs are built.
  it.each<[string, string, string, string]>([
    ['the P&L is −100/30 % (a repeating decimal)', '30', '29', '-3.33333333'],
    ['the P&L is −5.0000000001 %', '100', '94.9999999999', '-5'],
    ['the P&L is 3.4999999999 %', '100', '103.4999999999', '3.49999999'],
  ])('when %s then pnlPct is truncated toward zero to 8 decimals', (_name, cost, bid, pnlPct) => {
    const held = position({ averageCost: dec(cost), hodl: true });

    const verdict = decide({ position: held, market: market(bid, { signal: signal('SELL') }) });

    expect(verdict.kind).toBe('SKIP');
    expect(verdict.inputs.position).toMatchObject({ pnlPct });
  });

  it('when a position holds then the inputs are the compact bid, peak and stop', () => {
    const verdict = decide({ state: trailing('110', '108'), market: market('109') });

    expect(verdict.inputs).toEqual({
      bid: '109',
      peakPrice: '110',
      trailingActive: true,
      trailingStop: '108',
    });
  });

  it('when the inputs are stored as JSON then they read back unchanged', () => {
    const verdict = decide({ state: trailing('110', '108'), market: market('108', { atr: undefined }) });

    expect(JSON.parse(JSON.stringify(verdict.inputs))).toEqual(verdict.inputs);
    expect(verdict.inputs.trailing).toMatchObject({ atrFallback: true, distance: '2.2', atrUsed: '1.1' });
  });
});
