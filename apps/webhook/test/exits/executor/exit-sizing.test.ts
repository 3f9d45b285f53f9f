import { dec } from '@hookline/core';
import { defaultPaperMarkets } from '@hookline/exchange';
import { describe, expect, it } from 'vitest';
import { sizeExit } from '../../../src/exits/executor/exit-sizing.js';

// BTC/USD: step 1e-8, minimum 0.00001 BTC, minimum notional 1 USD.
const market = defaultPaperMarkets[0]?.market;

describe('exit sizing', () => {
  it.each<[string, string, string, string, string]>([
    // available, remaining, bid → kind, amount
    ['1', '0.01', '60000', 'SELL', '0.01'],
    ['0.004', '0.01', '60000', 'SELL', '0.004'],
    ['0.0100000099', '0.0200000099', '60000', 'SELL', '0.01'],
    ['1', '0.000009', '60000', 'DUST', '0.000009'],
    ['1', '0.00001', '60000', 'DUST', '0.00001'],
    ['1', '0.00002', '60000', 'SELL', '0.00002'],
    ['0', '0.01', '60000', 'NOTHING_AVAILABLE', '-'],
    ['1', '0', '60000', 'NONE_LEFT', '-'],
  ])(
    'when %s is available, %s is left and the bid is %s then it is %s %s',
    (available, remaining, bid, kind, amount) => {
      if (market === undefined) throw new Error('no BTC market');
      const sizing = sizeExit({
        available: dec(available),
        remaining: dec(remaining),
        market,
        bid: dec(bid),
      });

      expect(sizing.kind).toBe(kind);
      expect('amount' in sizing ? sizing.amount.toFixed() : '-').toBe(amount);
    },
  );
});
