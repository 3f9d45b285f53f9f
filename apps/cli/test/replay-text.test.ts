// replay's text for people: the totals at the end (trades, won/lost, realised P&L, fees, rounded to
// the cent) and no "not sold … NOTHING_AVAILABLE" after the exit that sold the position. The reports
// are the golden scenarios' (fixtures/replay/*/expected.json, produced by the real replay) and small
// reports built here for the edges.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplayExit, ReplayNotSold, ReplayOrder, ReplayReport } from '@hookline/store';
import { describe, expect, it } from 'vitest';
import { formatReplayReport } from '../src/commands/replay-text.js';
import { replayTotals } from '../src/commands/replay-totals.js';

function golden(name: string): ReplayReport {
  return JSON.parse(
    readFileSync(join(import.meta.dirname, 'fixtures/replay', name, 'expected.json'), 'utf8'),
  ) as ReplayReport;
}

function exit(symbol: string, time: string, filled: string, pnl: string): ReplayExit {
  return {
    time,
    decision_id: `d-${symbol}-${time}`,
    symbol,
    reason: 'HARD_STOP',
    orders: 1,
    filled_size: filled,
    average_price: filled === '0' ? null : '100',
    fees_usd: '0.1',
    pnl_usd: pnl,
  };
}

function order(fees: string): ReplayOrder {
  return {
    time: '2025-01-01T00:00:00.000Z',
    client_order_id: `o-${fees}`,
    symbol: 'BTC/USD',
    side: 'SELL',
    type: 'LIMIT',
    time_in_force: 'IOC',
    price: '100',
    size: '1',
    status: 'FILLED',
    filled_size: '1',
    avg_fill_price: '100',
    fees_usd: fees,
    trigger: 'EXIT',
    exit_reason: 'HARD_STOP',
  };
}

function nothingAvailable(symbol: string, time: string): ReplayNotSold {
  return { time, symbol, outcome: 'SKIPPED', reason_code: 'NOTHING_AVAILABLE', exit_reason: 'HARD_STOP' };
}

const T0 = '2025-01-01T00:00:00.000Z';
const T1 = '2025-01-01T00:00:10.000Z';
const T2 = '2025-01-01T00:00:20.000Z';

function report(parts: Partial<ReplayReport>): ReplayReport {
  return {
    ticks: { count: 3, from: T0, to: T2 },
    orders: [],
    fills: [],
    exits: [],
    not_sold: [],
    open_positions: [],
    ...parts,
  };
}

describe('replay totals', () => {
  it.each([
    {
      name: 'the exit-timeout scenario (a loss over three sells)',
      report: golden('exit-timeout'),
      totals: { trades: 1, wins: 0, losses: 1, pnl: '-1582.086068', fees: '533.764068' },
    },
    {
      name: 'the take-profit scenario (a win)',
      report: golden('take-profit'),
      totals: { trades: 1, wins: 1, losses: 0, pnl: '109.330932', fees: '60.686068' },
    },
    {
      name: 'a win, a loss, a break-even and an exit that sold nothing',
      report: report({
        exits: [
          exit('A', T0, '1', '10.5'),
          exit('B', T0, '2', '-3.25'),
          exit('C', T1, '1', '0'),
          exit('D', T1, '0', '0'),
        ],
        orders: [order('0.001'), order('0.004'), order('1.2')],
      }),
      totals: { trades: 3, wins: 1, losses: 1, pnl: '7.25', fees: '1.205' },
    },
    {
      name: 'no exit at all',
      report: report({ orders: [order('2')] }),
      totals: { trades: 0, wins: 0, losses: 0, pnl: '0', fees: '2' },
    },
  ])('when the report is $name then the totals are exact', ({ report: given, totals }) => {
    const computed = replayTotals(given);
    expect({
      trades: computed.trades,
      wins: computed.wins,
      losses: computed.losses,
      pnl: computed.pnlUsd.toFixed(),
      fees: computed.feesUsd.toFixed(),
    }).toEqual(totals);
  });

  it.each([
    { pnl: '0.005', fees: '0.004', shownPnl: '0.01', shownFees: '0.00' },
    { pnl: '-0.005', fees: '1.995', shownPnl: '-0.01', shownFees: '2.00' },
    { pnl: '-0.004', fees: '0', shownPnl: '0.00', shownFees: '0.00' },
    { pnl: '1234567.891', fees: '12.3456789', shownPnl: '1234567.89', shownFees: '12.35' },
  ])(
    'when the P&L is $pnl and the fees $fees then the text shows $shownPnl and $shownFees USD',
    ({ pnl, fees, shownPnl, shownFees }) => {
      const text = formatReplayReport(report({ exits: [exit('A', T0, '1', pnl)], orders: [order(fees)] }));
      expect(text).toContain(`  P&L      ${shownPnl} USD realised, fees included\n`);
      expect(text).toContain(`  fees     ${shownFees} USD, entries and exits\n`);
    },
  );
});

describe('replay text', () => {
  it('when the exit-timeout scenario is printed then it ends with its totals and lists nothing as not sold', () => {
    const text = formatReplayReport(golden('exit-timeout'));
    expect(text).not.toContain('NOTHING_AVAILABLE');
    expect(text).toContain('\nnot sold:\n  nothing\n');
    expect(text).toContain('P&L -1582.09 USD');
    expect(
      text.endsWith(
        '\ntotals:\n  trades   1 (0 won, 1 lost)\n  P&L      -1582.09 USD realised, fees included\n' +
          '  fees     533.76 USD, entries and exits\n',
      ),
    ).toBe(true);
  });

  it('when dust is left unsold then its reasons and the open positions are still listed', () => {
    const text = formatReplayReport(golden('dust'));
    expect(text).toContain('SKIPPED DUST (HARD_STOP)');
    expect(text).toContain('  BTC/USD 0.00001 (cost basis 0.60 USD)');
    expect(text).toContain('  trades   1 (0 won, 1 lost)');
  });

  it.each([
    {
      name: 'before any exit of the symbol',
      report: report({ exits: [exit('BTC/USD', T1, '1', '1')], not_sold: [nothingAvailable('BTC/USD', T0)] }),
      listed: true,
    },
    {
      name: 'after an exit of another symbol',
      report: report({ exits: [exit('ETH/USD', T0, '1', '1')], not_sold: [nothingAvailable('BTC/USD', T1)] }),
      listed: true,
    },
    {
      name: 'after an exit that sold nothing',
      report: report({ exits: [exit('BTC/USD', T0, '0', '0')], not_sold: [nothingAvailable('BTC/USD', T1)] }),
      listed: true,
    },
    {
      name: 'after an exit that sold, while part of the position is still held',
      report: report({
        exits: [exit('BTC/USD', T0, '1', '1')],
        not_sold: [nothingAvailable('BTC/USD', T1)],
        open_positions: [{ symbol: 'BTC/USD', amount: '0.5', cost_basis_usd: '50' }],
      }),
      listed: true,
    },
    {
      name: 'after the exit that sold the position',
      report: report({ exits: [exit('BTC/USD', T0, '1', '1')], not_sold: [nothingAvailable('BTC/USD', T1)] }),
      listed: false,
    },
  ])(
    'when nothing was available to sell $name then the line is listed: $listed',
    ({ report: given, listed }) => {
      expect(formatReplayReport(given).includes('SKIPPED NOTHING_AVAILABLE')).toBe(listed);
    },
  );
});

describe('replay text decimals', () => {
  it.each([
    ['BTC/USD', '60000.123456789012345678901234567890', 'at avg 60000.12 '],
    ['BTC/USD', '60000.10', 'at avg 60000.1 '],
    ['UNLISTED/USD', '1.23456', 'at avg 1.23 '],
  ])('when an exit of %s averaged %s then the text shows %s', (symbol, average, shown) => {
    const sold = { ...exit(symbol, T0, '1', '0'), average_price: average };

    expect(formatReplayReport(report({ exits: [sold] }))).toContain(shown);
  });
});
