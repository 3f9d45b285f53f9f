import { type Decimal, dec, type OrderStatus } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { defaultExitRuleSettings } from '../../../src/exits/exit-settings.js';
import {
  decideProtectiveStop,
  type ProtectiveStopInput,
  type StopOrderView,
  type StopPositionView,
} from '../../../src/exits/protective-stops/protective-stop-rules.js';

// 0.01 BTC at an average cost of 60 000: the 5 % hard stop is at 57 000; a 50 bps offset puts the
// limit at 56 715.
const position: StopPositionView = {
  amount: dec('0.01'),
  averageCost: dec('60000'),
  hodl: false,
  dust: false,
  exiting: false,
};
const market = {
  priceTick: dec('0.01'),
  amountStep: dec('0.00000001'),
  minAmount: dec('0.00001'),
  minNotional: dec('1'),
};
const planned = { amount: '0.01', stopPrice: '57000', price: '56715' };

function stop(
  overrides: Partial<Omit<StopOrderView, 'amount' | 'filled'>> & { amount?: string; filled?: string } = {},
): StopOrderView {
  const { amount = '0.01', filled = '0', ...rest } = overrides;
  return {
    clientOrderId: 'stop-1',
    status: 'OPEN' as OrderStatus,
    stopPrice: dec('57000'),
    price: dec('56715'),
    ...rest,
    amount: dec(amount),
    filled: dec(filled),
  };
}

function input(overrides: Partial<ProtectiveStopInput> = {}): ProtectiveStopInput {
  return {
    position,
    stops: [],
    market,
    bid: dec('60000'),
    sellable: dec('0.01'),
    rules: defaultExitRuleSettings,
    limitOffsetBps: 50,
    ...overrides,
  };
}

const text = (value: Decimal) => value.toString();

describe('decideProtectiveStop', () => {
  const cases: ReadonlyArray<{
    readonly when: string;
    readonly input: ProtectiveStopInput;
    readonly kind: string;
    readonly cancel?: readonly string[];
    readonly stop?: { amount: string; stopPrice: string; price: string };
  }> = [
    { when: 'a position has no stop', input: input(), kind: 'PLACE', stop: planned },
    {
      when: 'the one stop matches the position',
      input: input({ stops: [stop()] }),
      kind: 'KEEP',
    },
    {
      when: 'a partial exit left less than the stop holds',
      input: input({
        position: { ...position, amount: dec('0.004') },
        stops: [stop()],
        sellable: dec('0.01'),
      }),
      kind: 'REPLACE',
      cancel: ['stop-1'],
      stop: { ...planned, amount: '0.004' },
    },
    {
      when: 'a new buy grew the position and moved its cost',
      input: input({
        position: { ...position, amount: dec('0.02'), averageCost: dec('61000') },
        stops: [stop()],
        sellable: dec('0.02'),
      }),
      kind: 'REPLACE',
      cancel: ['stop-1'],
      // 61 000 × 0.95 = 57 950; × 0.995 = 57 660.25
      stop: { amount: '0.02', stopPrice: '57950', price: '57660.25' },
    },
    {
      when: 'two stops rest on one position',
      input: input({ stops: [stop(), stop({ clientOrderId: 'stop-2' })] }),
      kind: 'REPLACE',
      cancel: ['stop-1', 'stop-2'],
      stop: planned,
    },
    {
      when: 'the exchange holds less than the ledger (sellable below the position)',
      input: input({ sellable: dec('0.006') }),
      kind: 'PLACE',
      stop: { ...planned, amount: '0.006' },
    },
    {
      when: 'the position is closed and its stop still rests',
      input: input({ position: undefined, stops: [stop()] }),
      kind: 'CANCEL',
      cancel: ['stop-1'],
    },
    {
      when: 'an exit of the position works',
      input: input({ position: { ...position, exiting: true }, stops: [stop()] }),
      kind: 'CANCEL',
      cancel: ['stop-1'],
    },
    {
      when: 'an exit of the position works and no stop rests',
      input: input({ position: { ...position, exiting: true } }),
      kind: 'NONE',
    },
    {
      when: 'the asset is HODL',
      input: input({ position: { ...position, hodl: true }, stops: [stop()] }),
      kind: 'CANCEL',
      cancel: ['stop-1'],
    },
    { when: 'the position is dust', input: input({ position: { ...position, dust: true } }), kind: 'NONE' },
    {
      when: 'the stop would be worth less than the minimum order value',
      input: input({ market: { ...market, minNotional: dec('1000') } }),
      kind: 'NONE',
    },
    {
      when: 'the bid is already at the hard stop and no stop rests',
      input: input({ bid: dec('57000') }),
      kind: 'NONE',
    },
    {
      when: 'the bid is below the stop price of a resting stop that differs',
      input: input({ bid: dec('56990'), position: { ...position, amount: dec('0.004') }, stops: [stop()] }),
      kind: 'KEEP',
    },
    {
      when: 'the stop has triggered and partly filled',
      input: input({
        position: { ...position, amount: dec('0.006') },
        stops: [stop({ status: 'PARTIALLY_FILLED', filled: '0.004' })],
      }),
      kind: 'KEEP',
    },
    {
      when: 'a stop is still being sent',
      input: input({ stops: [stop({ status: 'SUBMITTED' })] }),
      kind: 'SETTLE',
    },
    {
      when: 'a cancel of the stop is not confirmed yet',
      input: input({
        position: { ...position, amount: dec('0.004') },
        stops: [stop({ status: 'PENDING_CANCEL' })],
      }),
      kind: 'SETTLE',
    },
    {
      when: 'the bid is unknown (stale quote) and a stop rests',
      input: input({ bid: undefined, stops: [stop({ amount: '0.02' })] }),
      kind: 'KEEP',
    },
    {
      when: 'the balance is unknown and no stop rests',
      input: input({ sellable: undefined }),
      kind: 'NONE',
    },
  ];

  for (const { when, input: given, kind, cancel, stop: expectedStop } of cases) {
    it(`when ${when} then ${kind}`, () => {
      const decision = decideProtectiveStop(given);

      expect(decision.kind).toBe(kind);
      if ('cancel' in decision) expect(decision.cancel).toEqual(cancel);
      else expect(cancel).toBeUndefined();
      if ('stop' in decision) {
        expect({
          amount: text(decision.stop.amount),
          stopPrice: text(decision.stop.stopPrice),
          price: text(decision.stop.price),
        }).toEqual(expectedStop);
      } else expect(expectedStop).toBeUndefined();
    });
  }

  const pricing: ReadonlyArray<readonly [string, string, number, string, string]> = [
    // average cost, tick, offset bps → trigger (hard stop rounded down to the tick), limit
    ['60000', '0.01', 50, '57000', '56715'],
    ['60000.07', '0.01', 50, '57000.06', '56715.05'],
    ['3.3333', '0.001', 0, '3.166', '3.166'],
    ['3.3333', '0.001', 100, '3.166', '3.134'],
  ];

  for (const [cost, tick, offset, trigger, limit] of pricing) {
    it(`when the average cost is ${cost} on a ${tick} tick with a ${offset} bps offset then the stop triggers at ${trigger} and limits at ${limit}`, () => {
      const decision = decideProtectiveStop(
        input({
          position: { ...position, averageCost: dec(cost), amount: dec('1000') },
          market: { ...market, priceTick: dec(tick) },
          sellable: dec('1000'),
          bid: dec(cost),
          limitOffsetBps: offset,
        }),
      );

      expect(decision.kind).toBe('PLACE');
      if (decision.kind !== 'PLACE') return;
      expect([text(decision.stop.stopPrice), text(decision.stop.price)]).toEqual([trigger, limit]);
    });
  }

  // The plan of a position is kept while its cost and amount objects stay (kept positions hand the same
  // ones to every sweep): any input that changes must give the plan a fresh position object would get.
  const changes: ReadonlyArray<readonly [string, Partial<ProtectiveStopInput>]> = [
    ['the sellable balance shrinks', { sellable: dec('0.004') }],
    ['the market is another one', { market: { ...market, priceTick: dec('10') } }],
    ['the hard stop is wider', { rules: { ...defaultExitRuleSettings, hardStopPct: dec('10') } }],
    ['the limit offset is larger', { limitOffsetBps: 200 }],
    ['the amount is another object', { position: { ...position, amount: dec('0.005') } }],
    ['the position sells below the minimum', { sellable: dec('0.000001') }],
  ];

  for (const [change, overrides] of changes) {
    it(`when the same position is decided again and ${change} then the plan is the one a fresh position gets`, () => {
      const kept = { ...position, averageCost: dec('60000') };
      const first = decideProtectiveStop(input({ position: kept }));
      const again = decideProtectiveStop(
        input({ ...overrides, position: { ...(overrides.position ?? kept), averageCost: kept.averageCost } }),
      );
      const fresh = decideProtectiveStop(
        input({ ...overrides, position: { ...(overrides.position ?? kept), averageCost: dec('60000') } }),
      );

      expect(first.kind).toBe('PLACE');
      expect(JSON.stringify(again)).toBe(JSON.stringify(fresh));
      expect(JSON.stringify(again)).not.toBe(JSON.stringify(first));
    });
  }
});
