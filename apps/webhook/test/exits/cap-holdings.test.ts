import { dec } from '@hookline/core';
import type { Balances, Market } from '@hookline/exchange';
import { describe, expect, it } from 'vitest';
import { type CapPosition, capHoldings, holdingInputs } from '../../src/exits/cap-holdings.js';

function market(base: string, minAmount: string): Market {
  return {
    symbol: `${base}/USD`,
    base,
    quote: 'USD',
    exchangeSymbol: `${base}-USD`,
    priceTick: dec('0.01'),
    amountStep: dec('0.00000001'),
    minAmount: dec(minAmount),
    minNotional: dec('1'),
    active: true,
  };
}

const markets = [market('BTC', '0.0001'), market('ETH', '0.001'), market('SOL', '0.01')];

function position(base: string, amount: string, flags: Partial<CapPosition> = {}): CapPosition {
  return {
    symbol: `${base}/USD`,
    base,
    amount: dec(amount),
    bid: dec('100'),
    dust: false,
    hodl: false,
    exiting: false,
    ...flags,
  };
}

function balances(amounts: Record<string, string>): Balances {
  return Object.fromEntries(
    Object.entries(amounts).map(([currency, total]) => [
      currency,
      { currency, total: dec(total), available: dec(total) },
    ]),
  );
}

// Each row: what the ledger and the exchange hold, and what the cap makes of every holding
// (symbol, source, ledger amount, exchange amount, why it does not count) and which it may sell.
const cases: ReadonlyArray<{
  readonly name: string;
  readonly positions: readonly CapPosition[];
  readonly balances: Record<string, string> | undefined;
  readonly hodl?: readonly string[];
  readonly holdings: ReadonlyArray<Record<string, string | null>>;
  readonly sellable: readonly string[];
}> = [
  {
    name: 'the ledger only (balances not read): counted as the ledger says, sellable',
    positions: [position('BTC', '0.01')],
    balances: undefined,
    holdings: [{ symbol: 'BTC/USD', source: 'LEDGER', ledgerAmount: '0.01', exchangeAmount: null }],
    sellable: ['BTC/USD'],
  },
  {
    name: 'the exchange only (bought by hand): counted, never sold by the cap',
    positions: [],
    balances: { USD: '1000', ETH: '0.5' },
    holdings: [{ symbol: 'ETH/USD', source: 'EXCHANGE', ledgerAmount: null, exchangeAmount: '0.5' }],
    sellable: [],
  },
  {
    name: 'both: counted once, sellable',
    positions: [position('BTC', '0.01')],
    balances: { USD: '1000', BTC: '0.012' },
    holdings: [{ symbol: 'BTC/USD', source: 'BOTH', ledgerAmount: '0.01', exchangeAmount: '0.012' }],
    sellable: ['BTC/USD'],
  },
  {
    name: 'a zombie (ledger holds, the exchange has nothing): not counted, reported',
    positions: [position('SOL', '2')],
    balances: { USD: '1000' },
    holdings: [
      { symbol: 'SOL/USD', source: 'LEDGER', ledgerAmount: '2', exchangeAmount: '0', notCounted: 'ZOMBIE' },
    ],
    sellable: [],
  },
  {
    name: 'a zombie whose exchange balance is below the minimum amount: not counted',
    positions: [position('SOL', '2')],
    balances: { SOL: '0.001' },
    holdings: [
      {
        symbol: 'SOL/USD',
        source: 'BOTH',
        ledgerAmount: '2',
        exchangeAmount: '0.001',
        notCounted: 'ZOMBIE',
      },
    ],
    sellable: [],
  },
  {
    name: 'dust on either side: not counted',
    positions: [position('BTC', '0.00001', { dust: true })],
    balances: { BTC: '0.00001', ETH: '0.0005' },
    holdings: [
      {
        symbol: 'BTC/USD',
        source: 'BOTH',
        ledgerAmount: '0.00001',
        exchangeAmount: '0.00001',
        notCounted: 'DUST',
      },
      {
        symbol: 'ETH/USD',
        source: 'EXCHANGE',
        ledgerAmount: null,
        exchangeAmount: '0.0005',
        notCounted: 'DUST',
      },
    ],
    sellable: [],
  },
  {
    name: 'HODL assets on either side: not counted',
    positions: [position('BTC', '1', { hodl: true })],
    balances: { BTC: '1', ETH: '3' },
    hodl: ['BTC', 'ETH'],
    holdings: [
      { symbol: 'BTC/USD', source: 'BOTH', ledgerAmount: '1', exchangeAmount: '1', notCounted: 'HODL' },
      { symbol: 'ETH/USD', source: 'EXCHANGE', ledgerAmount: null, exchangeAmount: '3', notCounted: 'HODL' },
    ],
    sellable: [],
  },
  {
    name: 'cash currencies and empty balances: never a holding',
    positions: [],
    balances: { USD: '5', USDC: '7', EUR: '1', DOGE: '0' },
    holdings: [],
    sellable: [],
  },
];

describe('the position cap counts the ledger and the exchange', () => {
  it.each(cases)('when $name', (row) => {
    const holdings = capHoldings({
      positions: row.positions,
      balances: row.balances === undefined ? undefined : balances(row.balances),
      markets,
      cashCurrencies: ['USD', 'USDC', 'USDT', 'EUR', 'GBP'],
      hodlAssets: new Set(row.hodl ?? []),
    });

    expect(holdings.map(holdingInputs)).toEqual(row.holdings);
    expect(holdings.flatMap((holding) => (holding.sellable ? [holding.sellable.symbol] : []))).toEqual(
      row.sellable,
    );
  });
});
