import { dec, toPlainString } from '@hookline/core';
import { defaultPaperMarkets } from '@hookline/exchange';
import { describe, expect, it } from 'vitest';
import { sizeExit, type UserSellSize, userSellTarget } from '../../../src/exits/executor/exit-sizing.js';

// BTC/USD: step 1e-8, minimum 0.00001 BTC, minimum notional 1 USD.
const market = defaultPaperMarkets[0]?.market;

describe("a user's sell: what it sets out to sell", () => {
  it.each<[string, UserSellSize['unit'] | 'none', string, string, string, string]>([
    // position, size unit, size, bid → target, then the first order on the market's step
    ['0.01', 'base', '0.004', '60000', '0.004', '0.004'],
    ['0.01', 'base', '0.01', '60000', '0.01', '0.01'],
    // A size beyond the position sells the position, never more.
    ['0.01', 'base', '0.5', '60000', '0.01', '0.01'],
    // A quote value is converted at the bid: 120 USD at 60 000 is 0.002 BTC.
    ['0.01', 'quote', '120', '60000', '0.002', '0.002'],
    ['0.01', 'quote', '1000000', '60000', '0.01', '0.01'],
    // Truncated to the step (1e-8), never rounded up: 100 USD at 60 000 is 0.0016666… BTC.
    [
      '0.01',
      'quote',
      '100',
      '60000',
      '0.00166666666666666666666666666666666666666666666666666666666667',
      '0.00166666',
    ],
    ['0.01', 'base', '0.0040000099', '60000', '0.0040000099', '0.004'],
    // No size (an exit): the whole position.
    ['0.01', 'none', '-', '60000', '0.01', '0.01'],
  ])(
    'when %s BTC is held and the sell asks for %s %s at a bid of %s then it targets %s and orders %s',
    (position, unit, amount, bid, target, ordered) => {
      if (market === undefined) throw new Error('no BTC market');
      const size = unit === 'none' ? undefined : { unit, amount: dec(amount) };

      const wanted = userSellTarget(dec(position), size, dec(bid));
      const sizing = sizeExit({ available: dec('1'), remaining: wanted, market, bid: dec(bid) });

      expect(toPlainString(wanted)).toBe(target);
      expect(sizing).toMatchObject({ kind: 'SELL' });
      expect('amount' in sizing ? toPlainString(sizing.amount) : '-').toBe(ordered);
    },
  );

  it('when the size comes to less than the market minimum then it is dust, not sold', () => {
    if (market === undefined) throw new Error('no BTC market');
    const wanted = userSellTarget(dec('0.01'), { unit: 'base', amount: dec('0.000005') }, dec('60000'));

    expect(sizeExit({ available: dec('1'), remaining: wanted, market, bid: dec('60000') })).toMatchObject({
      kind: 'DUST',
    });
  });
});
