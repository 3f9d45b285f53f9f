import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { evaluateEntry, type RiskState, type RiskVerdict } from '../../../src/rules/index.js';
import { at, entry, healthyState, limitsWith, position, quote } from './risk-fixtures.js';

const outcome = (verdict: RiskVerdict): string => (verdict.allowed ? 'ALLOWED' : verdict.reason);
const evaluate = (overrides: Partial<RiskState>, limits = limitsWith()): RiskVerdict =>
  evaluateEntry(entry, healthyState(overrides), limits);

describe('risk gate, entries: trading state', () => {
  it.each<[string, RiskState['tradingState'], string]>([
    ['ACTIVE', 'ACTIVE', 'ALLOWED'],
    ['REDUCING (exits only)', 'REDUCING', 'TRADING_REDUCING'],
    ['HALTED (nothing new)', 'HALTED', 'TRADING_HALTED'],
  ])('when trading is %s then an entry is %s', (_name, tradingState, expected) => {
    expect(outcome(evaluate({ tradingState }))).toBe(expected);
  });
});

describe('risk gate, entries: buy guard', () => {
  it.each<[string, RiskState['buyGuard'], string, string[]]>([
    ['no flag is set', { env: false, file: false, api: false }, 'ALLOWED', []],
    ['only the env flag is set', { env: true, file: false, api: false }, 'BUY_GUARD_ACTIVE', ['env']],
    ['only the file flag is set', { env: false, file: true, api: false }, 'BUY_GUARD_ACTIVE', ['file']],
    ['only the API flag is set', { env: false, file: false, api: true }, 'BUY_GUARD_ACTIVE', ['api']],
    ['all three are set', { env: true, file: true, api: true }, 'BUY_GUARD_ACTIVE', ['env', 'file', 'api']],
  ])('when %s then the entry is %s and the verdict names %j', (_name, buyGuard, expected, activeBy) => {
    const verdict = evaluate({ buyGuard });

    expect(outcome(verdict)).toBe(expected);
    expect(verdict.inputs.buyGuard?.activeBy).toEqual(activeBy);
    if (!verdict.allowed) expect(verdict.message).toContain(activeBy.join(', '));
  });
});

describe('risk gate, entries: exchange circuit', () => {
  it.each<[RiskState['exchangeHealth'], string]>([
    ['HEALTHY', 'ALLOWED'],
    ['DEGRADED', 'ALLOWED'],
    ['OFFLINE', 'CIRCUIT_OFFLINE'],
  ])('when the circuit is %s then the entry is %s', (exchangeHealth, expected) => {
    expect(outcome(evaluate({ exchangeHealth }))).toBe(expected);
  });

  it('when only the orders breaker is HEALTHY but market data is OFFLINE then the entry is CIRCUIT_OFFLINE (entries read the worse of both)', () => {
    expect(outcome(evaluate({ exchangeHealth: 'OFFLINE', orderCircuitHealth: 'HEALTHY' }))).toBe(
      'CIRCUIT_OFFLINE',
    );
  });
});

describe('risk gate, entries: market data age', () => {
  const btc = (exchangeAgeMs: number, receivedAgeMs: number) => ({
    'BTC/USD': {
      ...quote('60000', '60001'),
      exchangeTime: at(-exchangeAgeMs),
      receivedAt: at(-receivedAgeMs),
    },
  });

  it.each<[string, RiskState['quotes'], string]>([
    ['the quote is 15 000 ms old (exactly the limit)', btc(15_000, 15_000), 'ALLOWED'],
    ['the quote is 15 001 ms old', btc(15_001, 15_001), 'STALE_MARKET_DATA'],
    ['the exchange time is old though it was received just now', btc(16_000, 10), 'STALE_MARKET_DATA'],
    ['the exchange time is fresh but it was received long ago', btc(10, 16_000), 'STALE_MARKET_DATA'],
    [
      'the quote is fresh but its feed is frozen',
      { 'BTC/USD': { ...quote('60000', '60001'), frozen: true } },
      'STALE_MARKET_DATA',
    ],
    ['the quote is stamped slightly in the future (clock skew)', btc(-500, -200), 'ALLOWED'],
    ['there is no quote for the symbol', {}, 'STALE_MARKET_DATA'],
  ])('when %s then the entry is %s', (_name, quotes, expected) => {
    expect(outcome(evaluate({ quotes }))).toBe(expected);
  });

  it('when the limit is configured to 5 000 ms then a 5 001 ms old quote is stale and the age is recorded', () => {
    const verdict = evaluate({ quotes: btc(5_001, 5_001) }, limitsWith({ maxQuoteAgeMs: 5_000 }));

    expect(outcome(verdict)).toBe('STALE_MARKET_DATA');
    expect(verdict.inputs.marketData).toMatchObject({ quoteAgeMs: 5_001, maxQuoteAgeMs: 5_000 });
  });
});

describe('risk gate, entries: a held position without a valid price', () => {
  const quotes = healthyState().quotes;
  const solHeld = [position('SOL/USD', '1', '150')];
  it.each<[string, string, Partial<RiskState>]>([
    ['a held position has a fresh quote', 'ALLOWED', { positions: [position('ETH/USD', '1', '3000')] }],
    ['a held position has no quote at all', 'PRICE_UNAVAILABLE', { positions: solHeld }],
    [
      'a held position only has a 20 s old quote (no last-known fallback)',
      'PRICE_UNAVAILABLE',
      { positions: solHeld, quotes: { ...quotes, 'SOL/USD': quote('150', '151', 20_000) } },
    ],
    [
      'a held position is quoted with a zero bid',
      'PRICE_UNAVAILABLE',
      { positions: solHeld, quotes: { ...quotes, 'SOL/USD': quote('0', '151') } },
    ],
    [
      'a HODL position has no quote (it is still equity)',
      'PRICE_UNAVAILABLE',
      { positions: [position('SOL/USD', '1', '150', { hodl: true })] },
    ],
    [
      'a dust position has no quote (dust is ignored)',
      'ALLOWED',
      { positions: [position('SOL/USD', '0.001', '0.1', { dust: true })] },
    ],
    [
      'a position of zero size has no quote (nothing is held)',
      'ALLOWED',
      { positions: [position('SOL/USD', '0', '0')] },
    ],
    [
      "the entry's own quote has a zero ask",
      'PRICE_UNAVAILABLE',
      { quotes: { ...quotes, 'BTC/USD': quote('60000', '0') } },
    ],
  ])('when %s then the entry is %s', (_name, expected, overrides) => {
    expect(outcome(evaluate(overrides))).toBe(expected);
  });

  it('when several positions lack a price then the message names each one', () => {
    const verdict = evaluate({ positions: [position('SOL/USD', '1', '1'), position('ADA/USD', '1', '1')] });

    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) expect(verdict.message).toContain('SOL/USD, ADA/USD');
    expect(verdict.inputs.prices?.unpricedSymbols).toEqual(['SOL/USD', 'ADA/USD']);
  });
});

describe('risk gate, entries: never throws', () => {
  it.each<[string, Partial<RiskState>]>([
    ['the cash is infinite', { cash: dec('1').dividedBy(0) }],
    [
      'a position size is NaN',
      {
        positions: [
          position('ETH/USD', '1', '1'),
          { ...position('ETH/USD', '1', '1'), amount: dec('0').dividedBy(0) },
        ],
      },
    ],
  ])('when %s then the gate refuses with INVALID_ARGUMENT instead of throwing', (_name, overrides) => {
    const verdict = evaluate(overrides);

    expect(outcome(verdict)).toBe('INVALID_ARGUMENT');
    expect(() => JSON.stringify(verdict.inputs)).not.toThrow();
  });
});

describe('risk gate, entries: a corrupt limit fails closed', () => {
  const nan = dec('0').dividedBy(0);
  it.each<[string, string, Parameters<typeof limitsWith>[0]]>([
    ['maxQuoteAgeMs is NaN', 'STALE_MARKET_DATA', { maxQuoteAgeMs: Number.NaN }],
    ['dailyLossLimitPct is NaN', 'INVALID_ARGUMENT', { dailyLossLimitPct: nan }],
    ['maxOpenPositions is NaN', 'MAX_OPEN_POSITIONS', { maxOpenPositions: Number.NaN }],
    ['maxPositionPct is NaN', 'INVALID_ARGUMENT', { maxPositionPct: nan }],
    ['maxOrdersPerWindow is NaN', 'ORDER_RATE_THROTTLED', { maxOrdersPerWindow: Number.NaN }],
  ])('when %s then the entry is refused with %s', (_name, expected, limits) => {
    expect(outcome(evaluate({}, limitsWith(limits)))).toBe(expected);
  });
});
