import { dec, type ReasonCode } from '@hookline/core';
import type { Market } from '@hookline/exchange';
import { describe, expect, it } from 'vitest';
import { type OrderIntent, type PreflightOptions, preflightOrder } from '../../../src/rules/index.js';
import { balances, btcUsd, dogeUsd, intent, market, solUsd, summary } from './preflight-fixtures.js';

const rich = balances(['USD', '1000000'], ['BTC', '10'], ['DOGE', '1000000'], ['SOL', '1000']);
const tolerance = (pct: string, feePct?: string): PreflightOptions => ({
  minNotionalBumpTolerancePct: dec(pct),
  ...(feePct === undefined ? {} : { feePct: dec(feePct) }),
});

describe('preflight: quantizing price and amount', () => {
  it.each<[string, string, OrderIntent, Market]>([
    [
      'a BTC buy off the tick and the step',
      'ORDER 0.00123456@60000.12',
      intent('buy', '0.001234567891', '60000.129'),
      btcUsd,
    ],
    [
      'a BTC sell off the tick (rounded up: never sells below)',
      'ORDER 0.5@60000.13',
      intent('sell', '0.5', '60000.121'),
      btcUsd,
    ],
    [
      'a BTC buy already on the tick and the step',
      'ORDER 0.01@60000.12',
      intent('buy', '0.01', '60000.12'),
      btcUsd,
    ],
    [
      'a DOGE buy of 123.9 coins (whole coins only)',
      'ORDER 123@0.12345',
      intent('buy', '123.9', '0.123456'),
      dogeUsd,
    ],
    [
      'a DOGE sell of 123.9 coins at a price between ticks',
      'ORDER 123@0.12346',
      intent('sell', '123.9', '0.123451'),
      dogeUsd,
    ],
    [
      'a SOL buy of 0.109 (truncated to 0.10, still the minimum)',
      'ORDER 0.1@150',
      intent('buy', '0.109', '150'),
      solUsd,
    ],
  ])('when %s is checked then the order is %s', (_name, expected, orderIntent, orderMarket) => {
    expect(summary(preflightOrder(orderIntent, orderMarket, rich))).toBe(expected);
  });

  it('when the price and amount are moved then each change is listed with its values', () => {
    const verdict = preflightOrder(intent('buy', '0.001234567891', '60000.129'), btcUsd, rich);

    expect(verdict.ok && verdict.adjustments).toEqual([
      { kind: 'PRICE_TO_TICK', from: '60000.129', to: '60000.12' },
      { kind: 'AMOUNT_TO_STEP', from: '0.001234567891', to: '0.00123456' },
    ]);
    expect(verdict.ok && verdict.notional.toFixed()).toBe('74.0737481472');
  });
});

describe('preflight: minimum size and notional', () => {
  it.each<[string, ReasonCode | string, OrderIntent, Market, PreflightOptions?]>([
    ['a DOGE buy of 0.7 coins (truncates to zero)', 'BELOW_MIN_SIZE', intent('buy', '0.7', '0.12'), dogeUsd],
    [
      'a SOL buy of 0.0999 (truncation takes it below the 0.1 minimum)',
      'BELOW_MIN_SIZE',
      intent('buy', '0.0999', '150'),
      solUsd,
    ],
    [
      'a BTC buy worth 0.93 (a 7.55% bump reaches 1)',
      'ORDER 0.00001667@60000',
      intent('buy', '0.0000155', '60000'),
      btcUsd,
    ],
    [
      'a BTC buy worth 0.60 (a 67% bump is too large)',
      'MIN_NOTIONAL_BUMP_TOO_LARGE',
      intent('buy', '0.00001', '60000'),
      btcUsd,
    ],
    [
      'a BTC buy worth 0.93 with bumping turned off',
      'BELOW_MIN_NOTIONAL',
      intent('buy', '0.0000155', '60000'),
      btcUsd,
      tolerance('0'),
    ],
  ])('when %s then the verdict is %s', (_name, expected, orderIntent, orderMarket, options) => {
    expect(summary(preflightOrder(orderIntent, orderMarket, rich, options))).toBe(expected);
  });

  // 10 coins at 1.00 is 10; the minimum notional is 11: exactly a 10% bump.
  const tenPercent = market('ABC/USD', { tick: '0.01', step: '1', minAmount: '1', minNotional: '11' });
  const twentyPercent = market('ABC/USD', { tick: '0.01', step: '1', minAmount: '1', minNotional: '11.01' });
  it.each<[string, string, Market, PreflightOptions | undefined]>([
    ['the bump is exactly the 10% tolerance', 'ORDER 11@1', tenPercent, undefined],
    ['the bump is 10% and the tolerance 9.99%', 'MIN_NOTIONAL_BUMP_TOO_LARGE', tenPercent, tolerance('9.99')],
    [
      'reaching 11.01 takes 12 whole coins (a 20% bump)',
      'MIN_NOTIONAL_BUMP_TOO_LARGE',
      twentyPercent,
      undefined,
    ],
  ])('when %s then the verdict is %s', (_name, expected, orderMarket, options) => {
    expect(summary(preflightOrder(intent('buy', '10', '1'), orderMarket, rich, options))).toBe(expected);
  });

  it('when a bump is too large then the message names the order value and the minimum', () => {
    const verdict = preflightOrder(intent('buy', '0.00001', '60000'), btcUsd, rich);

    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.message).toContain('the order value 0.6 is below the minimum notional 1');
      expect(verdict.message).toContain('would add 66.70% (tolerance 10%)');
      expect(verdict.inputs).toMatchObject({ bumpedAmount: '0.00001667', minNotional: '1' });
    }
  });

  it('when a bump is applied then it is listed as an adjustment', () => {
    const verdict = preflightOrder(intent('buy', '0.0000155', '60000'), btcUsd, rich);

    expect(verdict.ok && verdict.adjustments).toEqual([
      { kind: 'BUMPED_TO_MIN_NOTIONAL', from: '0.0000155', to: '0.00001667' },
    ]);
  });
});
