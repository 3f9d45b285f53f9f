// The exchange-resident protective stop on scripted price paths (HOOKLINE_PROTECTIVE_STOPS=auto, the
// service's default): the stop rests from the first sweep after the entry, at the hard-stop price. A
// fall between its trigger and its limit is sold by the paper venue at the tick itself, before the
// sentinel sweeps; a gap below its limit leaves it resting unfilled, and the sentinel's HARD_STOP
// cancels it before its ladder sells. Either way the position is sold once.
import { dec, quantizeToTick } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { at, exitOrders, sellFills, useReplayHarness } from './replay-harness.js';

interface StopInputs {
  readonly protectiveStop: {
    readonly amount: string;
    readonly stopPrice: string;
    readonly price: string;
    readonly averageCost: string;
  };
}

describe('replay: the protective stop', () => {
  const harness = useReplayHarness();
  const auto = { HOOKLINE_PROTECTIVE_STOPS: 'auto' };

  async function stopInputs(decisionId: string | undefined): Promise<StopInputs['protectiveStop']> {
    const inputs = (await harness.exitInputs(decisionId ?? '')) as unknown as StopInputs;
    return inputs.protectiveStop;
  }

  it('when the bid falls between the stop price and its limit then the venue sells the 0.4 BTC at that tick and the sentinel sells nothing', async () => {
    const { report } = await harness.replay('protective-stop', auto);

    expect(exitOrders(report)).toEqual([
      {
        type: 'STOP_LIMIT',
        time_in_force: 'GTC',
        price: expect.any(String),
        size: '0.4',
        status: 'FILLED',
        filled_size: '0.4',
        exit_reason: 'PROTECTIVE_STOP',
      },
    ]);
    expect(report.orders.find((order) => order.exit_reason === 'PROTECTIVE_STOP')?.time).toBe(at('10:00:00'));
    expect(report.exits.map((exit) => [exit.reason, exit.filled_size])).toEqual([['PROTECTIVE_STOP', '0.4']]);
    const stop = await stopInputs(report.exits[0]?.decision_id);
    // The hard stop (5 %) under the average cost, down to the tick; the limit 50 bps under that.
    const trigger = quantizeToTick(dec(stop.averageCost).times('0.95'), dec('0.01'), 'down');
    expect([stop.stopPrice, stop.price, stop.amount]).toEqual([
      trigger.toString(),
      quantizeToTick(trigger.times('0.995'), dec('0.01'), 'down').toString(),
      '0.4',
    ]);
    // 57 200 is under the trigger and over the limit: the stop takes the bid.
    expect(sellFills(report)).toEqual(['57200 × 0.4 TAKER']);
    expect(
      report.fills.filter((fill) => fill.side === 'SELL').every((fill) => fill.time === at('10:01:00')),
    ).toBe(true);
    expect(report.not_sold).toEqual([]);
    expect(report.open_positions).toEqual([]);
  });

  it('when the price gaps below the stop limit then the stop rests unfilled, the HARD_STOP exit cancels it and its ladder sells the 4.6 BTC once', async () => {
    const { report } = await harness.replay('hard-stop-gap', auto);

    // The entry fills 0.5 BTC a quote; the stop follows the position: re-placed at every new fill.
    const orders = exitOrders(report);
    const stops = orders.filter((order) => order.exit_reason === 'PROTECTIVE_STOP');
    expect(stops.length).toBeGreaterThan(1);
    expect(stops.every((order) => order.status === 'CANCELED' && order.filled_size === '0')).toBe(true);
    const sizes = stops.map((order) => Number(order.size));
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(
      orders.filter((order) => order.exit_reason !== 'PROTECTIVE_STOP').map((order) => order.exit_reason),
    ).toEqual(['HARD_STOP', 'HARD_STOP', 'HARD_STOP', 'HARD_STOP', 'HARD_STOP']);
    const sold = report.fills
      .filter((fill) => fill.side === 'SELL')
      .reduce((total, fill) => total.plus(fill.size), dec('0'));
    expect(sold.toString()).toBe('4.6');
    expect(
      report.exits.filter((exit) => exit.reason === 'HARD_STOP').map((exit) => exit.filled_size),
    ).toEqual(['4.6']);
    expect(report.open_positions).toEqual([]);
  });
});
