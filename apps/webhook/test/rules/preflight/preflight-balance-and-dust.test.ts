import { dec, type ReasonCode } from '@hookline/core';
import type { Balances, Market } from '@hookline/exchange';
import { describe, expect, it } from 'vitest';
import { type OrderIntent, type PreflightOptions, preflightOrder } from '../../../src/rules/index.js';
import { balances, btcUsd, dogeUsd, intent, solUsd, summary } from './preflight-fixtures.js';

const rich = balances(['USD', '1000000'], ['BTC', '10'], ['DOGE', '1000000'], ['SOL', '1000']);
const tolerance = (pct: string, feePct?: string): PreflightOptions => ({
  minNotionalBumpTolerancePct: dec(pct),
  ...(feePct === undefined ? {} : { feePct: dec(feePct) }),
});

describe('preflight: available balance', () => {
  const buy600 = intent('buy', '0.01', '60000');
  it.each<[string, string, Balances, PreflightOptions?]>([
    ['exactly 600 USD is available', 'ORDER 0.01@60000', balances(['USD', '600'])],
    ['599.99 USD is available', 'INSUFFICIENT_BALANCE', balances(['USD', '599.99'])],
    [
      '10 000 USD is held but only 100 is available (the rest is reserved)',
      'INSUFFICIENT_BALANCE',
      balances(['USD', '100', '10000']),
    ],
    ['no USD balance is known', 'INSUFFICIENT_BALANCE', balances(['BTC', '5'])],
    [
      '603.60 USD covers 600 plus a 0.6% fee',
      'ORDER 0.01@60000',
      balances(['USD', '603.6']),
      tolerance('10', '0.6'),
    ],
    [
      '603.59 USD does not cover 600 plus a 0.6% fee',
      'INSUFFICIENT_BALANCE',
      balances(['USD', '603.59']),
      tolerance('10', '0.6'),
    ],
    [
      'a negative (rebate) fee does not lower the reserve',
      'INSUFFICIENT_BALANCE',
      balances(['USD', '599.99']),
      tolerance('10', '-0.1'),
    ],
  ])('when a 600 USD buy is checked and %s then the verdict is %s', (_name, expected, held, options) => {
    expect(summary(preflightOrder(buy600, btcUsd, held, options))).toBe(expected);
  });

  it('when a buy is short then the message names what it needs and what is available', () => {
    const verdict = preflightOrder(buy600, btcUsd, balances(['USD', '603.59']), tolerance('10', '0.6'));

    expect(!verdict.ok && verdict.message).toBe(
      'the buy needs 603.6 USD (notional 600 + 0.6% fee) but only 603.59 is available',
    );
  });
});

describe('preflight: sells, capping and dust', () => {
  it.each<[string, string, OrderIntent, Market, Balances]>([
    [
      '1 BTC is asked and 0.5 is available',
      'ORDER 0.5@60000',
      intent('sell', '1', '60000'),
      btcUsd,
      balances(['BTC', '0.5', '1']),
    ],
    [
      '0.3 BTC is asked and 0.5 is available',
      'ORDER 0.3@60000',
      intent('sell', '0.3', '60000'),
      btcUsd,
      balances(['BTC', '0.5']),
    ],
    [
      '1 BTC is held but none is available (reserved by an order)',
      'INSUFFICIENT_BALANCE',
      intent('sell', '1', '60000'),
      btcUsd,
      balances(['BTC', '0', '1']),
    ],
    [
      'no BTC balance is known',
      'INSUFFICIENT_BALANCE',
      intent('sell', '1', '60000'),
      btcUsd,
      balances(['USD', '5']),
    ],
    [
      '0.000012 BTC is left (worth 0.72, below the minimum notional)',
      'DUST 0.000012',
      intent('sell', '0.000012', '60000'),
      btcUsd,
      balances(['BTC', '0.000012']),
    ],
    [
      '0.000016 BTC is left (0.96: a sell is never bumped)',
      'DUST 0.000016',
      intent('sell', '0.000016', '60000'),
      btcUsd,
      balances(['BTC', '0.000016']),
    ],
    [
      '0.7 DOGE is left (truncates to zero)',
      'DUST 0.7',
      intent('sell', '5', '0.12'),
      dogeUsd,
      balances(['DOGE', '0.7']),
    ],
    [
      '0.0999 SOL is left (truncates to 0.09, below 0.1)',
      'DUST 0.0999',
      intent('sell', '0.0999', '150'),
      solUsd,
      balances(['SOL', '0.0999']),
    ],
  ])('when %s then the verdict is %s', (_name, expected, orderIntent, orderMarket, held) => {
    expect(summary(preflightOrder(orderIntent, orderMarket, held))).toBe(expected);
  });

  it('when a sell is capped then the cap and the truncation are listed', () => {
    const verdict = preflightOrder(intent('sell', '2', '60000'), btcUsd, balances(['BTC', '0.123456789']));

    expect(verdict.ok && verdict.adjustments).toEqual([
      { kind: 'AMOUNT_CAPPED_TO_AVAILABLE', from: '2', to: '0.123456789' },
      { kind: 'AMOUNT_TO_STEP', from: '0.123456789', to: '0.12345678' },
    ]);
  });

  it('when the remainder is dust then the verdict is not a refusal and explains why', () => {
    const verdict = preflightOrder(
      intent('sell', '0.000012', '60000'),
      btcUsd,
      balances(['BTC', '0.000012']),
    );

    expect(verdict).toMatchObject({ ok: false, dust: true, reason: 'DUST' });
    expect(!verdict.ok && verdict.message).toBe(
      '0.000012 BTC cannot be sold: the order value 0.72 is below the minimum notional 1',
    );
  });
});

describe('preflight: invalid input never throws', () => {
  it.each<[string, ReasonCode, OrderIntent, Market]>([
    [
      'the market is not active',
      'MARKET_UNAVAILABLE',
      intent('buy', '0.01', '60000'),
      { ...btcUsd, active: false },
    ],
    [
      'the market has a zero tick',
      'MARKET_UNAVAILABLE',
      intent('buy', '0.01', '60000'),
      { ...btcUsd, priceTick: dec('0') },
    ],
    [
      'the market has a negative minimum',
      'MARKET_UNAVAILABLE',
      intent('buy', '0.01', '60000'),
      { ...btcUsd, minAmount: dec('-1') },
    ],
    ['the price is zero', 'INVALID_PRICE', intent('buy', '0.01', '0'), btcUsd],
    ['a buy price is below one tick', 'INVALID_PRICE', intent('buy', '0.01', '0.004'), btcUsd],
    ['the amount is negative', 'INVALID_ARGUMENT', intent('buy', '-1', '60000'), btcUsd],
    ['the amount is zero', 'INVALID_ARGUMENT', intent('sell', '0', '60000'), btcUsd],
    [
      'the amount is NaN',
      'INVALID_ARGUMENT',
      { side: 'buy', amount: dec('0').dividedBy(0), price: dec('1') },
      btcUsd,
    ],
  ])('when %s then preflight refuses with %s', (_name, expected, orderIntent, orderMarket) => {
    const verdict = preflightOrder(orderIntent, orderMarket, rich);

    expect(summary(verdict)).toBe(expected);
    expect(!verdict.ok && JSON.parse(JSON.stringify(verdict.inputs))).toEqual(!verdict.ok && verdict.inputs);
  });
});
