// The entry guards: the book's spread, the immediate loss at the bid, the alert's age and the alert's
// price against the mid. Each table runs the whole gate over the fixtures' healthy account with only
// what the row's rule reads changed, and includes the row exactly at the limit (it passes).
import { type Decimal, dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { type EntryRequest, evaluateEntry, type RiskLimits } from '../../../src/rules/index.js';
import { at, entry, healthyState, limitsWith, now, quote } from './risk-fixtures.js';

function decide(request: EntryRequest, bid: string, ask: string, limits: RiskLimits) {
  const verdict = evaluateEntry(request, healthyState({ quotes: { 'BTC/USD': quote(bid, ask) } }), limits);
  return { summary: verdict.allowed ? 'ALLOWED' : verdict.reason, verdict };
}

/** A buy of 0.01 BTC at `price`, answering an alert (received now) when one is given. */
function buyAt(price: string, alert?: { price?: string; time?: Date }, feePct?: Decimal): EntryRequest {
  return {
    ...entry,
    price: dec(price),
    feePct,
    alert:
      alert === undefined
        ? undefined
        : {
            price: alert.price === undefined ? undefined : dec(alert.price),
            time: alert.time,
            receivedAt: now,
          },
  };
}

describe('entry guard: spread', () => {
  it.each<[string, string, string, string, string]>([
    ['a 50 bps spread, max 50 bps (exactly at the limit)', '99.75', '100.25', '50', 'ALLOWED'],
    ['a spread just over 50 bps, max 50 bps', '99.7499', '100.25', '50', 'SPREAD_TOO_WIDE'],
    ['a 100 bps spread, max 50 bps', '99.5', '100.5', '50', 'SPREAD_TOO_WIDE'],
    ['a 100 bps spread, max 120 bps', '99.5', '100.5', '120', 'ALLOWED'],
    ['a 100 bps spread, guard off (0)', '99.5', '100.5', '0', 'ALLOWED'],
    ['a 0.17 bps spread, max 1 bps', '60000', '60001', '1', 'ALLOWED'],
  ])('when %s then the entry is %s', (_, bid, ask, maxBps, expected) => {
    expect(decide(buyAt(ask), bid, ask, limitsWith({ maxSpreadBps: dec(maxBps) })).summary).toBe(expected);
  });

  it('when the spread is too wide then rule_inputs record the quote, the spread and the limit', () => {
    const { verdict } = decide(buyAt('100.5'), '99.5', '100.5', limitsWith({ maxSpreadBps: dec(50) }));

    expect(verdict).toMatchObject({ allowed: false, reason: 'SPREAD_TOO_WIDE' });
    expect(verdict.inputs.spread).toEqual({
      symbol: 'BTC/USD',
      bid: '99.5',
      ask: '100.5',
      spreadBps: '100',
      maxSpreadBps: '50',
    });
  });
});

describe('entry guard: immediate loss at the bid', () => {
  // The spread guard is off here: the rows move the bid far from the ask on purpose.
  const limits = (maxPct: string) => limitsWith({ maxSpreadBps: dec(0), maxImmediateLossPct: dec(maxPct) });

  it.each<[string, string, string, string | undefined, string, string]>([
    ['bought at 100, bid 99, no fee known, max 1 % (exactly at it)', '100', '99', undefined, '1', 'ALLOWED'],
    [
      'bought at 100, bid 98.99, no fee known, max 1 %',
      '100',
      '98.99',
      undefined,
      '1',
      'IMMEDIATE_LOSS_TOO_LARGE',
    ],
    [
      'bought at 100 + 0.6 % fee, bid 99.594, max 1 % (exactly at it)',
      '100',
      '99.594',
      '0.6',
      '1',
      'ALLOWED',
    ],
    [
      'bought at 100 + 0.6 % fee, bid 99.593, max 1 %',
      '100',
      '99.593',
      '0.6',
      '1',
      'IMMEDIATE_LOSS_TOO_LARGE',
    ],
    ['bought at 100 + 0.6 % fee, bid 100, max 0.5 %', '100', '100', '0.6', '0.5', 'IMMEDIATE_LOSS_TOO_LARGE'],
    ['bought at 100, bid 101 (a gain), max 0.01 %', '100', '101', undefined, '0.01', 'ALLOWED'],
  ])('when %s then the entry is %s', (_, price, bid, feePct, maxPct, expected) => {
    const request = buyAt(price, undefined, feePct === undefined ? undefined : dec(feePct));

    expect(decide(request, bid, '101', limits(maxPct)).summary).toBe(expected);
  });

  it('when the loss is too large then rule_inputs record the entry price, the bid, the fee and the loss', () => {
    const { verdict } = decide(buyAt('100', undefined, dec('0.6')), '99', '101', limits('1'));

    expect(verdict).toMatchObject({ allowed: false, reason: 'IMMEDIATE_LOSS_TOO_LARGE' });
    expect(verdict.inputs.immediateLoss).toEqual({
      symbol: 'BTC/USD',
      entryPrice: '100',
      bid: '99',
      feePct: '0.6',
      immediateLossPct: '1.590457',
      maxImmediateLossPct: '1',
    });
  });
});

describe('entry guard: alert age', () => {
  const limits = (maxMs: number) => limitsWith({ maxAlertAgeMs: maxMs });

  it.each<[string, EntryRequest, number, string]>([
    [
      'the alert is 60 s old at its receipt, max 60 s (exactly at it)',
      buyAt('60001', { time: at(-60_000) }),
      60_000,
      'ALLOWED',
    ],
    [
      'the alert is 60.001 s old at its receipt, max 60 s',
      buyAt('60001', { time: at(-60_001) }),
      60_000,
      'ALERT_TOO_OLD',
    ],
    ['the alert is an hour old, max 60 s', buyAt('60001', { time: at(-3_600_000) }), 60_000, 'ALERT_TOO_OLD'],
    ['the alert is an hour old, guard off (0)', buyAt('60001', { time: at(-3_600_000) }), 0, 'ALLOWED'],
    ['the alert carries no time', buyAt('60001', {}), 60_000, 'ALLOWED'],
    ['the entry answers no alert', buyAt('60001'), 60_000, 'ALLOWED'],
    [
      "the alert's time is 5 s after its receipt (the sender's clock ahead)",
      buyAt('60001', { time: at(5_000) }),
      60_000,
      'ALLOWED',
    ],
  ])('when %s then the entry is %s', (_, request, maxMs, expected) => {
    expect(decide(request, '60000', '60001', limits(maxMs)).summary).toBe(expected);
  });

  it('when the alert was received in time but decided later then its age is measured at the receipt', () => {
    const request: EntryRequest = {
      ...entry,
      alert: { price: undefined, time: at(-130_000), receivedAt: at(-100_000) },
    };

    expect(decide(request, '60000', '60001', limits(60_000)).verdict.inputs.alertAge).toEqual({
      alertTime: at(-130_000).toISOString(),
      receivedAt: at(-100_000).toISOString(),
      maxAlertAgeMs: 60_000,
      alertAgeMs: 30_000,
    });
  });

  it('when an alert has no time then it passes and rule_inputs say so', () => {
    const { verdict } = decide(buyAt('60001', {}), '60000', '60001', limits(60_000));

    expect(verdict.inputs.alertAge).toEqual({
      alertTime: null,
      receivedAt: now.toISOString(),
      maxAlertAgeMs: 60_000,
      alertAgeMs: null,
      note: 'the alert carries no time',
    });
  });

  it('when the alert is too old then the refusal comes before any market data rule', () => {
    const request = buyAt('60001', { time: at(-61_000) });
    const verdict = evaluateEntry(request, healthyState({ quotes: {} }), limits(60_000));

    expect(verdict).toMatchObject({ allowed: false, reason: 'ALERT_TOO_OLD' });
    expect(Object.keys(verdict.inputs)).toEqual(['tradingState', 'buyGuard', 'exchangeCircuit', 'alertAge']);
    expect(verdict.inputs.alertAge).toMatchObject({ alertAgeMs: 61_000, maxAlertAgeMs: 60_000 });
  });
});

describe("entry guard: the alert's price against the mid", () => {
  // The quote 99.99 / 100.01 has its mid at 100.
  const limits = (maxPct: string) => limitsWith({ maxPriceDeviationPct: dec(maxPct) });

  it.each<[string, string | undefined, string, string]>([
    ['the alert says 102, max 2 % (exactly at it)', '102', '2', 'ALLOWED'],
    ['the alert says 98, max 2 % (exactly at it, below)', '98', '2', 'ALLOWED'],
    ['the alert says 102.01, max 2 %', '102.01', '2', 'PRICE_DEVIATION'],
    ['the alert says 97.99, max 2 %', '97.99', '2', 'PRICE_DEVIATION'],
    ['the alert says 150, guard off (0)', '150', '0', 'ALLOWED'],
    ['the alert carries no price', undefined, '2', 'ALLOWED'],
  ])('when %s then the entry is %s', (_, alertPrice, maxPct, expected) => {
    const request = buyAt('100.01', { price: alertPrice, time: now });

    expect(decide(request, '99.99', '100.01', limits(maxPct)).summary).toBe(expected);
  });

  it('when the price deviates too far then rule_inputs record the alert price, the mid and the deviation', () => {
    const { verdict } = decide(buyAt('100.01', { price: '103', time: now }), '99.99', '100.01', limits('2'));

    expect(verdict).toMatchObject({ allowed: false, reason: 'PRICE_DEVIATION' });
    expect(verdict.inputs.priceDeviation).toEqual({
      symbol: 'BTC/USD',
      mid: '100',
      maxPriceDeviationPct: '2',
      alertPrice: '103',
      deviationPct: '3',
    });
  });
});
