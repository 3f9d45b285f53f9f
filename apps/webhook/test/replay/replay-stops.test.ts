// Scripted price paths through the real sentinel, exit executor and paper exchange (replayed
// in-process): the hard stop's IOC ladder through a gap, the soft stop's resting LIMIT, and an
// ordinary exit that times out and escalates. Prices are the paper book's: BTC levels of 0.5 BTC,
// 2 bps apart below the bid (bid 56000 → 55988.80, 55977.60, …); taker fee 0.6 %, maker fee 0.4 %.
import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { at, exitOrders, exitOrderTimes, sellFills, useReplayHarness } from './replay-harness.js';

describe('replay: stops on scripted price paths', () => {
  const harness = useReplayHarness();

  it('when the price gaps through the hard stop with 4.6 BTC held then the IOC ladder walks bid, −5, −10, −15 bps and an IOC at the floor takes the rest', async () => {
    const { report } = await harness.replay('hard-stop-gap');

    expect(exitOrders(report)).toEqual([
      order('LIMIT', 'IOC', '56000', '4.6', 'EXPIRED', '0.5'), // level 0 only
      order('LIMIT', 'IOC', '55972', '4.1', 'EXPIRED', '1'), // levels 1–2
      order('LIMIT', 'IOC', '55944', '3.1', 'EXPIRED', '1.5'), // levels 3–5
      order('LIMIT', 'IOC', '55916', '1.6', 'EXPIRED', '1'), // levels 6–7
      order('LIMIT', 'IOC', '54320', '0.6', 'FILLED', '0.6'), // levels 8–9; the floor: 56000 less 3 %
    ]);
    const times = exitOrderTimes(report);
    expect(times[0]).toBe(at('10:01:00')); // the gap's quote
    expect(times.every((time) => time <= at('10:01:12'))).toBe(true); // on that quote, before it is stale
    const levels = [
      '56000',
      '55988.8',
      '55977.6',
      '55966.4',
      '55955.2',
      '55944',
      '55932.8',
      '55921.6',
      '55910.4',
    ];
    expect(sellFills(report)).toEqual([
      ...levels.map((price) => `${price} × 0.5 TAKER`),
      '55899.2 × 0.1 TAKER',
    ]);
    const proceeds = levels.reduce((total, price) => total.plus(dec(price).times('0.5')), dec('5589.92'));
    expect(report.exits).toHaveLength(1);
    const exit = report.exits[0];
    expect(exit).toMatchObject({
      reason: 'HARD_STOP',
      orders: 5,
      filled_size: '4.6',
      fees_usd: '1544.32992',
    });
    expect(
      dec(exit?.average_price ?? '0')
        .toDecimalPlaces(10)
        .toString(),
    ).toBe(
      proceeds.dividedBy('4.6').toDecimalPlaces(10).toString(), // 55953.9826086957
    );
    // Cost 4.6 × 60006 + buy fees 1164.1164; proceeds 257388.32 less sell fees 1544.32992.
    expect(exit?.pnl_usd).toBe('-21347.72632');
    expect(report.open_positions).toEqual([]);
    const inputs = await harness.exitInputs(exit?.decision_id ?? '');
    expect(inputs.rule.quote.bid).toBe('56000');
    expect(dec(inputs.rule.position.pnlPct).toNumber()).toBeCloseTo(-7.068, 3);
    expect(inputs.completion).toMatchObject({ outcome: 'SOLD', detail: '4.6 of 4.6 BTC sold' });
  });

  it('when the bid falls past the soft stop then a LIMIT rests at bid × 1.0001 and fills when the market comes back up to it', async () => {
    const { report } = await harness.replay('soft-stop');

    expect(exitOrders(report)).toEqual([
      order('LIMIT', 'GTC', '58805.88', '0.1', 'FILLED', '0.1', 'SOFT_STOP'),
    ]);
    expect(exitOrderTimes(report)).toEqual([at('10:00:10')]);
    // Not at 10:00:10 (the bid was 58800, below the LIMIT): at the next quote, bid 58810, as maker.
    expect(report.fills.filter((fill) => fill.side === 'SELL').map((fill) => fill.time)).toEqual([
      at('10:00:20'),
    ]);
    expect(sellFills(report)).toEqual(['58805.88 × 0.1 MAKER']);
    expect(report.exits).toEqual([
      expect.objectContaining({ reason: 'SOFT_STOP', orders: 1, filled_size: '0.1', fees_usd: '23.522352' }),
    ]);
    expect(dec(report.exits[0]?.average_price ?? '0').toString()).toBe('58805.88');
    const inputs = await harness.exitInputs(report.exits[0]?.decision_id ?? '');
    // Average cost 60006 × 1.006 (taker fee) = 60366.036; −2.5 % of it is 58856.88, above the bid 58800.
    expect(inputs.rule.position).toMatchObject({ averageCost: '60366.036', pnlPct: '-2.59423361' });
    // The exit ends when its LIMIT fills, not when the LIMIT's timeout would have looked at it.
    expect(inputs.completion).toMatchObject({ outcome: 'SOLD', finishedAt: at('10:00:20') });
    expect(report.open_positions).toEqual([]);
  });

  it('when an exit LIMIT is not filled within its timeout then it is re-priced at the new bid, then IOC at the bid, then IOC at the floor for the rest', async () => {
    const { report } = await harness.replay('exit-timeout', {
      HOOKLINE_EXIT_TIMEOUT_MS: '5000',
      HOOKLINE_EXIT_REPRICE_ATTEMPTS: '2',
    });

    expect(exitOrders(report)).toEqual([
      order('LIMIT', 'GTC', '58805.88', '0.8', 'CANCELED', '0', 'SOFT_STOP'), // bid 58800 × 1.0001
      order('LIMIT', 'GTC', '58755.88', '0.8', 'CANCELED', '0', 'SOFT_STOP'), // bid 58750 × 1.0001
      order('LIMIT', 'IOC', '58700', '0.8', 'EXPIRED', '0.5', 'SOFT_STOP'), // the bid level only
      order('LIMIT', 'IOC', '58212', '0.3', 'FILLED', '0.3', 'SOFT_STOP'), // the next level; the floor: 58800 less 1 %
    ]);
    // Each LIMIT lives its 5 s timeout (the ticks are 5 s apart); the IOC follows the second one.
    expect(exitOrderTimes(report).slice(0, 3)).toEqual([at('10:00:10'), at('10:00:15'), at('10:00:20')]);
    expect(sellFills(report)).toEqual(['58700 × 0.5 TAKER', '58688.26 × 0.3 TAKER']);
    expect(report.exits).toEqual([
      expect.objectContaining({ reason: 'SOFT_STOP', orders: 4, filled_size: '0.8' }),
    ]);
    expect(dec(report.exits[0]?.average_price ?? '0').toString()).toBe('58695.5975');
    expect(report.open_positions).toEqual([]);
  });
});

function order(
  type: string,
  timeInForce: string,
  price: string | null,
  size: string,
  status: string,
  filled: string,
  reason = 'HARD_STOP',
) {
  return { type, time_in_force: timeInForce, price, size, status, filled_size: filled, exit_reason: reason };
}
