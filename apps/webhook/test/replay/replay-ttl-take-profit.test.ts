// The optional exits on scripted paths: TTL (HOOKLINE_MAX_HOLD_MINUTES) and take-profit
// (HOOKLINE_TAKE_PROFIT_PCT), both LIMIT exits at bid × 1.0001. Entry 0.1 BTC at 60006 + 0.6 % fee:
// average cost 60366.036.
import { describe, expect, it } from 'vitest';
import { at, exitOrders, exitOrderTimes, sellFills, useReplayHarness } from './replay-harness.js';

describe('replay: TTL and take-profit', () => {
  const harness = useReplayHarness();

  it('when a position is held longer than the maximum hold then TTL sells it at the first sweep past it, not at it', async () => {
    // Flat 60000 every 10 s; 60010 from 10:02:30. Held exactly 2 minutes at 10:02:00: not longer.
    const { report } = await harness.replay('ttl', { HOOKLINE_MAX_HOLD_MINUTES: '2' });

    expect(exitOrders(report)).toEqual([limit('60006', 'TTL')]);
    expect(exitOrderTimes(report)).toEqual([at('10:02:10')]);
    expect(sellFills(report)).toEqual(['60006 × 0.1 MAKER']);
    const inputs = await harness.exitInputs(report.exits[0]?.decision_id ?? '');
    expect(inputs.rule.position.heldMs).toBe(130_000);
    expect(inputs.completion).toMatchObject({ outcome: 'SOLD', finishedAt: at('10:02:30') });
    expect(report.open_positions).toEqual([]);
  });

  it('when the profit reaches the take-profit percentage before trailing activates then TAKE_PROFIT sells at the bid × 1.0001', async () => {
    // +2 % is a bid of 61573.36: 61000 (+1.05 %) holds, 61700 (+2.21 %) sells; 3.5 % is never reached.
    const { report } = await harness.replay('take-profit', { HOOKLINE_TAKE_PROFIT_PCT: '2' });

    expect(exitOrders(report)).toEqual([limit('61706.17', 'TAKE_PROFIT')]);
    expect(exitOrderTimes(report)).toEqual([at('10:00:20')]);
    expect(sellFills(report)).toEqual(['61706.17 × 0.1 MAKER']);
    expect(report.exits).toEqual([expect.objectContaining({ reason: 'TAKE_PROFIT', pnl_usd: '109.330932' })]);
    const inputs = await harness.exitInputs(report.exits[0]?.decision_id ?? '');
    expect(inputs.rule.position.pnlPct).toBe('2.20979227');
    expect(inputs.rule.trailing.active).toBe(false);
  });

  it('when neither TTL nor take-profit is configured then the same paths sell nothing', async () => {
    const ttl = await harness.replay('ttl');
    const takeProfit = await harness.replay('take-profit');

    expect(ttl.report.orders.filter((row) => row.side === 'SELL')).toEqual([]);
    expect(takeProfit.report.orders.filter((row) => row.side === 'SELL')).toEqual([]);
    expect(takeProfit.report.open_positions).toEqual([
      { symbol: 'BTC/USD', amount: '0.1', cost_basis_usd: '6036.6036' },
    ]);
  });
});

function limit(price: string, reason: string) {
  return {
    type: 'LIMIT',
    time_in_force: 'GTC',
    price,
    size: '0.1',
    status: 'FILLED',
    filled_size: '0.1',
    exit_reason: reason,
  };
}
