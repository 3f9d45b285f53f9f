// The 24 h momentum filter: the symbol's 24 h change from the ticker against the configured bounds.
// Each row runs the whole entry gate over the fixtures' healthy account with only the change and the
// bounds changed, and includes the rows exactly at a bound (they pass).
import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { evaluateEntry } from '../../../src/rules/index.js';
import { checkMomentum24h } from '../../../src/rules/risk/momentum-rule.js';
import { entry, healthyState, limitsWith, quote } from './risk-fixtures.js';

const optional = (text: string | undefined) => (text === undefined ? undefined : dec(text));

function decide(change: string | undefined, minPct: string | undefined, maxPct: string | undefined) {
  const btc = { ...quote('60000', '60001'), change24hPct: optional(change) };
  const state = healthyState({ quotes: { ...healthyState().quotes, 'BTC/USD': btc } });
  const limits = limitsWith({ minMomentum24hPct: optional(minPct), maxMomentum24hPct: optional(maxPct) });
  const verdict = evaluateEntry(entry, state, limits);
  return { summary: verdict.allowed ? 'ALLOWED' : verdict.reason, verdict };
}

describe('entry guard: 24 h momentum', () => {
  it.each<[string, string | undefined, string | undefined, string | undefined, string]>([
    ['the filter is off and the change is -30 %', '-30', undefined, undefined, 'ALLOWED'],
    ['the filter is off and the change is not known', undefined, undefined, undefined, 'ALLOWED'],
    ['the change is -5 %, min -5 % (exactly at the bound)', '-5', '-5', undefined, 'ALLOWED'],
    ['the change is -5.0001 %, min -5 %', '-5.0001', '-5', undefined, 'MOMENTUM_FILTER'],
    ['the change is -12 %, min -5 %', '-12', '-5', undefined, 'MOMENTUM_FILTER'],
    ['the change is +0.1 %, min 0 %', '0.1', '0', undefined, 'ALLOWED'],
    ['the change is -0.1 %, min 0 %', '-0.1', '0', undefined, 'MOMENTUM_FILTER'],
    ['the change is +20 %, max 20 % (exactly at the bound)', '20', undefined, '20', 'ALLOWED'],
    ['the change is +25 %, max 20 %', '25', undefined, '20', 'MOMENTUM_FILTER'],
    ['the change is +3 %, between min 0 % and max 10 %', '3', '0', '10', 'ALLOWED'],
    ['the change is not known, min -5 %', undefined, '-5', undefined, 'MOMENTUM_FILTER'],
    ['the change is not known, max 10 %', undefined, undefined, '10', 'MOMENTUM_FILTER'],
  ])('when %s then the entry is %s', (_, change, minPct, maxPct, expected) => {
    expect(decide(change, minPct, maxPct).summary).toBe(expected);
  });

  it('when the change is below the minimum then rule_inputs and the message name the change and the bounds', () => {
    const { verdict } = decide('-7.123456', '-5', '10');

    expect(verdict).toMatchObject({
      allowed: false,
      reason: 'MOMENTUM_FILTER',
      message: 'the BTC/USD 24 h change is -7.1235%, below the minimum -5%',
    });
    expect(verdict.inputs.momentum24h).toEqual({
      symbol: 'BTC/USD',
      change24hPct: '-7.123456',
      minMomentum24hPct: '-5',
      maxMomentum24hPct: '10',
    });
  });

  it('when the filter is on and the ticker has no 24 h change then the refusal says it was not known', () => {
    const { verdict } = decide(undefined, '0', undefined);

    expect(verdict).toMatchObject({ allowed: false, reason: 'MOMENTUM_FILTER' });
    expect(verdict.allowed ? '' : verdict.message).toMatch(/24 h change is not known/);
    expect(verdict.inputs.momentum24h).toMatchObject({ change24hPct: null, minMomentum24hPct: '0' });
  });

  it('when the filter is off then it passes and says so', () => {
    expect(checkMomentum24h('BTC/USD', undefined, { minPct: undefined, maxPct: undefined })).toEqual({
      inputs: {
        symbol: 'BTC/USD',
        change24hPct: null,
        minMomentum24hPct: null,
        maxMomentum24hPct: null,
        note: 'the momentum filter is off',
      },
    });
  });
});
