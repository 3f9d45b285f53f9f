import type { DecisionRecord } from '@hookline/store';
import { describe, expect, it } from 'vitest';
import { storedExitOf } from '../../../src/exits/executor/exit-records.js';

function decision(ruleInputs: Record<string, unknown>): DecisionRecord {
  return {
    decisionId: 'd-1',
    account: 'default',
    symbol: 'BTC/USD',
    side: 'sell',
    intent: 'EXIT',
    outcome: 'ORDERED',
    reasonCode: 'HARD_STOP',
    exitReason: 'HARD_STOP',
    ruleInputs: ruleInputs as DecisionRecord['ruleInputs'],
    alertId: null,
    createdAt: new Date('2025-03-03T10:00:00Z'),
  };
}

describe('stored exits: the reference price and the price-cap mark', () => {
  it.each<[string, Record<string, unknown>, string]>([
    [
      'stored at the start',
      { exit: { amount: '1', referencePrice: '57000' }, quote: { bid: '56000' } },
      '57000',
    ],
    [
      'missing (an exit started before it was stored)',
      { exit: { amount: '1' }, quote: { bid: '56000' } },
      '56000',
    ],
  ])('when the reference price is %s then the exit is measured from %s', (_case, inputs, reference) => {
    expect(storedExitOf(decision(inputs)).reference.toString()).toBe(reference);
  });

  it('when a decision records neither a reference price nor a quote then reading it fails naming the decision', () => {
    expect(() => storedExitOf(decision({ exit: { amount: '1' }, quote: null }))).toThrow(
      'exit decision d-1 records no reference price (exit.referencePrice)',
    );
  });

  it.each<[string, Record<string, unknown>, unknown]>([
    ['no mark', {}, undefined],
    [
      'an open episode',
      { priceCap: { since: '2025-03-03T10:01:01.000Z', decisionId: 'c-1' } },
      { since: '2025-03-03T10:01:01.000Z', decisionId: 'c-1' },
    ],
  ])('when the decision carries %s then the stored exit says so', (_case, extra, priceCap) => {
    const exit = storedExitOf(decision({ exit: { amount: '1', referencePrice: '57000' }, ...extra }));
    expect(exit.priceCap).toEqual(priceCap);
  });
});
