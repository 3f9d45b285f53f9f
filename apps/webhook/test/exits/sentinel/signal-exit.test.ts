// SIGNAL_EXIT through the real sentinel and exit executor: sighook's latest matrix row says SELL,
// it is fresh (at most HOOKLINE_SIGNAL_MAX_AGE_MS old, 15 min by default) and the position is not at
// a loss → a LIMIT exit. A loss, a stale row or an active trailing stop (which then owns the exit)
// leave the position alone. The rows go to the test's own Redis prefix (the sentinel's matrixPrefix).
import { writeLatestMatrixRow } from '@hookline/runtime';
import type { MatrixRow } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';
import { type SentinelUnderTest, useSentinelHarness } from '../sentinel-harness.js';

const BTC = 'BTC/USD';
const FIFTEEN_MINUTES = 15 * 60_000;

describe('SIGNAL_EXIT: a fresh SELL row sells a position that is not at a loss', () => {
  const harness = useSentinelHarness();

  /** A held 0.01 BTC bought at 60000 (no fee), a sentinel with the real executor, a quote at `bid`. */
  async function holding(bid: string) {
    const h = await harness({ USD: '100000', BTC: '0.01' });
    await h.fill('buy', BTC, '0.01', '60000');
    h.quote({ [BTC]: bid });
    return { h, sentinel: await h.sentinel({ realExecutor: true }) };
  }

  it('when the P&L is exactly zero and a fresh SELL row is written then SIGNAL_EXIT places a LIMIT at bid × 1.0001', async () => {
    const { h, sentinel } = await holding('60000');
    await writeSell(h, 0);

    await sentinel.sweepOnce();

    expect(await h.exitDecisions(BTC)).toEqual([
      { reasonCode: 'SIGNAL_EXIT', exitReason: 'SIGNAL_EXIT', outcome: 'ORDERED' },
    ]);
    expect(await sells(h)).toEqual([
      { orderType: 'LIMIT', price: '60006', size: '0.01', exitReason: 'SIGNAL_EXIT' },
    ]);
  });

  it('when the position is at a loss then the SELL row sells nothing', async () => {
    const { h, sentinel } = await holding('59900'); // −0.17 %, far above the soft stop
    await writeSell(h, 0);

    await sentinel.sweepOnce();

    expect(await h.exitDecisions(BTC)).toEqual([]);
    expect(await sells(h)).toEqual([]);
  });

  it('when the SELL row is older than the signal age limit then it sells nothing, and a fresh one does', async () => {
    const { h, sentinel } = await holding('60100');
    await writeSell(h, FIFTEEN_MINUTES + 1);

    await sentinel.sweepOnce();
    expect(await h.exitDecisions(BTC)).toEqual([]);

    await writeSell(h, FIFTEEN_MINUTES); // exactly at the limit: still fresh (a newer candle)
    await sentinel.sweepOnce();
    expect(await h.exitDecisions(BTC)).toEqual([
      { reasonCode: 'SIGNAL_EXIT', exitReason: 'SIGNAL_EXIT', outcome: 'ORDERED' },
    ]);
  });

  it('when trailing is active then a fresh SELL row is ignored and the trailing stop still fires later', async () => {
    const { h, sentinel } = await holding('62400'); // +4 %: trailing activates, stop 62400 − 2 % = 61152
    await sentinel.sweepOnce();

    for (const bid of ['62300', '61500']) {
      h.advance(3_000);
      h.quote({ [BTC]: bid });
      await writeSell(h, 0);
      await sentinel.sweepOnce();
    }
    expect(await h.exitDecisions(BTC)).toEqual([]);
    expect(await sells(h)).toEqual([]);

    h.advance(3_000);
    h.quote({ [BTC]: '61100' }); // below the stop
    await sentinel.sweepOnce();
    expect(await h.exitDecisions(BTC)).toEqual([
      { reasonCode: 'TRAILING_STOP', exitReason: 'TRAILING_STOP', outcome: 'ORDERED' },
    ]);
  });
});

let candle = 0;

// Each row is a newer candle (the writer keeps the newest), computed `ageMs` before the venue's now.
async function writeSell(h: SentinelUnderTest, ageMs: number): Promise<void> {
  candle += 1;
  const computedAt = new Date(h.venue.clock.nowMs() - ageMs);
  const row: MatrixRow = {
    symbol: BTC,
    timeframe: '5m',
    candle_time: new Date(Date.parse('2024-01-01T00:00:00Z') + candle * 300_000).toISOString(),
    computed_at: computedAt.toISOString(),
    indicators: {
      rsi: '78',
      macd: null,
      macd_signal: null,
      macd_histogram: null,
      bb_upper: null,
      bb_middle: null,
      bb_lower: null,
      atr: null,
      roc: null,
      ema_fast: null,
      ema_slow: null,
      volume_ratio: null,
    },
    buy_score: '0',
    sell_score: '3',
    action: 'SELL',
    atr: null,
  };
  await writeLatestMatrixRow(h.redis, row, h.prefix);
}

async function sells(h: SentinelUnderTest) {
  const rows = await h.database.prisma.tradeRecord.findMany({
    where: { account: h.account, side: 'SELL' },
    orderBy: { orderTime: 'asc' },
  });
  return rows.map((row) => ({
    orderType: row.orderType,
    price: row.price?.toString() ?? null,
    size: row.size.toString(),
    exitReason: row.exitReason,
  }));
}
