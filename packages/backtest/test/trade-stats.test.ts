import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { exitReasonKey, groupTrades, tradeStats } from '../src/index.js';
import { plain, trade } from './support/builders.js';

describe('tradeStats', () => {
  // pnl 30, −10, 0, 20, −5, each with fee 1.
  const mixed = ['30', '-10', '0', '20', '-5'].map((pnl) => trade(pnl, { fees: dec('1') }));

  it.each([
    // wins: 30 and 20; losses: −10 and −5; 0 is breakeven, neither.
    ['wins', (s: ReturnType<typeof tradeStats>) => s.wins, 2],
    ['losses', (s: ReturnType<typeof tradeStats>) => s.losses, 2],
    ['trades (breakeven included)', (s: ReturnType<typeof tradeStats>) => s.trades, 5],
    // 2 wins / 5 trades = 0.4
    ['winRate', (s: ReturnType<typeof tradeStats>) => plain(s.winRate), '0.4'],
    // 30 − 10 + 0 + 20 − 5 = 35
    ['netProfit', (s: ReturnType<typeof tradeStats>) => plain(s.netProfit), '35'],
    // 5 × 1 = 5
    ['fees', (s: ReturnType<typeof tradeStats>) => plain(s.fees), '5'],
    // 30 + 20 = 50
    ['grossProfit', (s: ReturnType<typeof tradeStats>) => plain(s.grossProfit), '50'],
    // 10 + 5 = 15
    ['grossLoss', (s: ReturnType<typeof tradeStats>) => plain(s.grossLoss), '15'],
    // 50 / 15 = 3.333… (60 significant digits)
    ['profitFactor', (s: ReturnType<typeof tradeStats>) => s.profitFactor?.toFixed(6), '3.333333'],
    // 35 / 5 = 7
    ['expectancy', (s: ReturnType<typeof tradeStats>) => plain(s.expectancy), '7'],
  ])(
    'when trades of +30, −10, 0, +20, −5 are summed then %s is hand-computed value',
    (_name, read, expected) => {
      expect(read(tradeStats(mixed))).toEqual(expected);
    },
  );

  it.each([
    [
      'there are no trades',
      [],
      { trades: 0, wins: 0, losses: 0, winRate: null, net: '0', pf: null, exp: null },
    ],
    // one win of 12.5: winRate 1/1, no loss so no profit factor, expectancy 12.5 / 1.
    [
      'one trade wins',
      ['12.5'],
      { trades: 1, wins: 1, losses: 0, winRate: '1', net: '12.5', pf: null, exp: '12.5' },
    ],
    // 10 + 20 = 30 over 2 trades = 15.
    [
      'all trades win',
      ['10', '20'],
      { trades: 2, wins: 2, losses: 0, winRate: '1', net: '30', pf: null, exp: '15' },
    ],
    // −10 − 20 = −30 over 2 = −15; gross profit 0 / gross loss 30 = 0.
    [
      'all trades lose',
      ['-10', '-20'],
      { trades: 2, wins: 0, losses: 2, winRate: '0', net: '-30', pf: '0', exp: '-15' },
    ],
    // breakevens only: neither wins nor losses, winRate 0 / 2 = 0.
    [
      'every trade breaks even',
      ['0', '0'],
      { trades: 2, wins: 0, losses: 0, winRate: '0', net: '0', pf: null, exp: '0' },
    ],
    // 10 / 3 = 3.333333333… rounded to 8 decimals (half to even); winRate 1 / 3 to 60 significant digits.
    [
      'the average does not terminate',
      ['10', '0', '0'],
      {
        trades: 3,
        wins: 1,
        losses: 0,
        winRate: `0.${'3'.repeat(60)}`,
        net: '10',
        pf: null,
        exp: '3.33333333',
      },
    ],
  ])('when %s then every figure is defined as documented', (_situation, pnls, expected) => {
    const stats = tradeStats(pnls.map((pnl) => trade(pnl)));

    expect({
      trades: stats.trades,
      wins: stats.wins,
      losses: stats.losses,
      winRate: plain(stats.winRate),
      net: plain(stats.netProfit),
      pf: plain(stats.profitFactor),
      exp: plain(stats.expectancy),
    }).toEqual(expected);
  });
});

describe('groupTrades', () => {
  it('when trades are grouped by exit reason then rows are sorted by key with count, wins, pnl and average', () => {
    const trades = [
      trade('10', { exitReason: 'TAKE_PROFIT' }),
      trade('-4', { exitReason: 'STOP_LOSS' }),
      trade('5', { exitReason: 'TAKE_PROFIT' }),
      trade('-1', { exitReason: null, exitTime: null, exitPrice: null }),
      trade('2', { exitReason: 'END_OF_DATA' }),
    ];

    const rows = groupTrades(trades, exitReasonKey).map((row) => ({
      ...row,
      winRate: plain(row.winRate),
      pnl: plain(row.pnl),
      avgPnl: plain(row.avgPnl),
    }));

    expect(rows).toEqual([
      // 2 > 0: one win of one.
      { key: 'END_OF_DATA', count: 1, wins: 1, losses: 0, winRate: '1', pnl: '2', avgPnl: '2' },
      // exitReason null is grouped as OPEN.
      { key: 'OPEN', count: 1, wins: 0, losses: 1, winRate: '0', pnl: '-1', avgPnl: '-1' },
      { key: 'STOP_LOSS', count: 1, wins: 0, losses: 1, winRate: '0', pnl: '-4', avgPnl: '-4' },
      // 10 + 5 = 15 over 2 trades = 7.5.
      { key: 'TAKE_PROFIT', count: 2, wins: 2, losses: 0, winRate: '1', pnl: '15', avgPnl: '7.5' },
    ]);
  });
});
