// A gap through the hard stop into a thin book, replayed through the real sentinel, exit executor
// and paper exchange. 9 BTC bought at 60006 (+0.6 % fee: cost 60366.036, hard stop at a bid of
// 57347.73). The paper book holds 0.5 BTC a level, 10 levels 2 bps apart: 5 BTC a quote.
//   10:01:00 bid 57000  HARD_STOP; reference 57000, floor 57000 × 0.97 = 55290. The IOC ladder and
//                       one IOC at the floor take the whole book (5 BTC); 4 BTC are left.
//   10:01:01 bid 51300  10 % below the hard stop, beyond the cap: held, nothing sent, recorded once
//   10:01:10 … 10:01:30 still beyond the cap (51250, 51400, 52000): held, no new decision
//   10:01:40 bid 56000  back within the cap: an IOC at the floor sells the 4 BTC at 56000 … 55921.6
import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { at, exitOrders, exitOrderTimes, sellFills, useReplayHarness } from './replay-harness.js';

describe('replay: a gap through the hard stop into a thin book', () => {
  const harness = useReplayHarness();

  it('when the bid gaps 10 % below the hard stop then the exit waits at its floor, records the book once, and sells when the price comes back within the cap', async () => {
    const { report, account } = await harness.replay('hard-stop-thin-book');

    expect(exitOrders(report)).toEqual([
      ioc('57000', '9', 'EXPIRED', '0.5'), // the bid level
      ioc('56971.5', '8.5', 'EXPIRED', '1'), // −5 bps
      ioc('56943', '7.5', 'EXPIRED', '1.5'), // −10 bps
      ioc('56914.5', '6', 'EXPIRED', '1'), // −15 bps
      ioc('55290', '5', 'EXPIRED', '1'), // the floor: the last two levels, then the book is empty
      ioc('55290', '4', 'FILLED', '4'), // the price came back: the floor's IOC again
    ]);
    // Nothing at all was sent while the bid was below the floor (10:01:01 to 10:01:30).
    expect(exitOrderTimes(report)).toEqual([...Array(5).fill(at('10:01:00')), at('10:01:40')]);
    const levelsAt = (bid: string, count: number) =>
      Array.from({ length: count }, (_, level) => dec(bid).minus(dec(bid).times('0.0002').times(level)));
    expect(sellFills(report)).toEqual([
      ...levelsAt('57000', 10).map((price) => `${price} × 0.5 TAKER`),
      ...levelsAt('56000', 8).map((price) => `${price} × 0.5 TAKER`),
    ]);
    const floor = dec('55290');
    expect(
      report.fills
        .filter((fill) => fill.side === 'SELL')
        .every((fill) => dec(fill.price).greaterThanOrEqualTo(floor)),
    ).toBe(true);

    // One waiting episode, one decision, with the book it saw.
    expect(report.not_sold.filter((row) => row.reason_code === 'EXIT_PRICE_CAPPED')).toEqual([
      {
        time: at('10:01:01'),
        symbol: 'BTC/USD',
        outcome: 'BLOCKED',
        reason_code: 'EXIT_PRICE_CAPPED',
        exit_reason: 'HARD_STOP',
      },
    ]);
    const [capped] = await harness.exitDecisionInputs(account, 'EXIT_PRICE_CAPPED');
    expect(capped).toMatchObject({
      attempt: 5,
      remaining: '4',
      book: { bid: '51300', ask: '51305.13', floor: '55290', reference: '57000', maxSlippagePct: '3' },
    });

    expect(report.exits).toEqual([
      expect.objectContaining({ reason: 'HARD_STOP', orders: 6, filled_size: '9.0' }),
    ]);
    const inputs = await harness.exitInputs(report.exits[0]?.decision_id ?? '');
    expect(inputs.completion).toMatchObject({ outcome: 'SOLD', finishedAt: at('10:01:40') });
    expect(report.open_positions).toEqual([]);
  });

  it('when market orders are allowed then the market orders find the book empty, the exit ends LADDER_EXHAUSTED and a new hard stop sells the rest in the gap, below the floor', async () => {
    const { report } = await harness.replay('hard-stop-thin-book', { HOOKLINE_EXIT_ALLOW_MARKET: 'true' });

    expect(
      exitOrders(report).map((order) => [order.type, order.price, order.filled_size, order.status].join(' ')),
    ).toEqual([
      'LIMIT 57000 0.5 EXPIRED',
      'LIMIT 56971.5 1 EXPIRED',
      'LIMIT 56943 1.5 EXPIRED',
      'LIMIT 56914.5 1 EXPIRED',
      'MARKET  1 EXPIRED', // the last two levels
      'MARKET  0 EXPIRED', // the book is empty until the next quote
      'MARKET  0 EXPIRED',
      // the second exit, started on the gap's quote: its reference is 51300
      'LIMIT 51300 0.5 EXPIRED',
      'LIMIT 51274.35 1 EXPIRED',
      'LIMIT 51248.7 1.5 EXPIRED',
      'LIMIT 51223.05 1 FILLED',
    ]);
    expect(report.exits.map((exit) => exit.reason)).toEqual(['HARD_STOP', 'HARD_STOP']);
    const first = await harness.exitInputs(report.exits[0]?.decision_id ?? '');
    expect(first.completion).toMatchObject({ outcome: 'LADDER_EXHAUSTED' });
    expect(report.not_sold.filter((row) => row.reason_code === 'EXIT_PRICE_CAPPED')).toEqual([]);
    expect(report.open_positions).toEqual([]);
  });
});

function ioc(price: string, size: string, status: string, filled: string) {
  return {
    type: 'LIMIT',
    time_in_force: 'IOC',
    price,
    size,
    status,
    filled_size: filled,
    exit_reason: 'HARD_STOP',
  };
}
