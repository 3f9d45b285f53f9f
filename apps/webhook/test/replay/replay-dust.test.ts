// Dust on a scripted path: what is left below the market minimum (1 USD notional) is recorded once
// as DUST, not sold, and not asked again every sweep; the ticks come every 10 s for 10 minutes, so a
// position retried per sweep would show 60 refusals. The why-not-sold record repeats every 5 minutes.
//   BTC: 0.50001 bought; at 10:00:20 the bid gaps to 56000 (−7.2 %): the hard stop's IOC at the bid
//        takes the 0.5 BTC level, and 0.00001 BTC (0.56 USD) is left.
//   ETH: 0.0004 bought (1.20 USD); at 10:00:20 the bid is 2400 (−20 %): 0.96 USD, dust from the start.
import { describe, expect, it } from 'vitest';
import { at, exitOrders, useReplayHarness } from './replay-harness.js';

describe('replay: dust is recorded, not sold, and not retried every sweep', () => {
  const harness = useReplayHarness();

  it('when a hard stop leaves a remainder below the minimum and a tiny position falls through its stop then each is recorded as DUST once per 5 minutes', async () => {
    const { report } = await harness.replay('dust');

    expect(exitOrders(report)).toEqual([
      {
        type: 'LIMIT',
        time_in_force: 'IOC',
        price: '56000',
        size: '0.50001',
        status: 'EXPIRED',
        filled_size: '0.5',
        exit_reason: 'HARD_STOP',
      },
    ]);
    expect(report.exits).toEqual([
      expect.objectContaining({ symbol: 'BTC/USD', reason: 'HARD_STOP', orders: 1, filled_size: '0.5' }),
    ]);
    const inputs = await harness.exitInputs(report.exits[0]?.decision_id ?? '');
    expect(inputs.completion).toMatchObject({
      outcome: 'SOLD',
      detail: '0.5 of 0.50001 BTC sold; 0.00001 BTC is dust: worth 0.56, below the minimum notional 1',
    });

    const dust = (symbol: string) => report.not_sold.filter((row) => row.symbol === symbol);
    expect(dust('ETH/USD')).toEqual([
      {
        time: at('10:00:20'),
        symbol: 'ETH/USD',
        outcome: 'SKIPPED',
        reason_code: 'DUST',
        exit_reason: 'HARD_STOP',
      },
      {
        time: at('10:05:20'),
        symbol: 'ETH/USD',
        outcome: 'SKIPPED',
        reason_code: 'DUST',
        exit_reason: 'HARD_STOP',
      },
    ]);
    const btc = dust('BTC/USD');
    expect(btc.map((row) => [row.reason_code, row.exit_reason])).toEqual([
      ['DUST', 'HARD_STOP'],
      ['DUST', 'HARD_STOP'],
    ]);
    // The first right after the exit ended (the next sweep), the repeat five minutes later.
    expect(btc[0]?.time).toBeOneOf([at('10:00:20'), at('10:00:23'), at('10:00:30')]);
    expect(Date.parse(btc[1]?.time ?? '') - Date.parse(btc[0]?.time ?? '')).toBeGreaterThanOrEqual(300_000);
    expect(Date.parse(btc[1]?.time ?? '') - Date.parse(btc[0]?.time ?? '')).toBeLessThan(310_000);
    expect(report.open_positions).toEqual([
      { symbol: 'BTC/USD', amount: '0.00001', cost_basis_usd: '0.60246024' },
      { symbol: 'ETH/USD', amount: '0.0004', cost_basis_usd: '1.20744144' },
    ]);
  });
});
