import { writeLatestMatrixRow } from '@hookline/runtime';
import type { MatrixRow } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';
import { useApiHarness } from './api-harness.js';

const indicators = {
  rsi: '28.5',
  macd: '12.1',
  macd_signal: '10',
  macd_histogram: '2.1',
  bb_upper: '61000',
  bb_middle: '60000',
  bb_lower: '59000',
  atr: '300',
  roc: '1.2',
  ema_fast: '60100',
  ema_slow: '59900',
  volume_ratio: '1.7',
};

function row(symbol: string, computedAt: Date): MatrixRow {
  return {
    symbol,
    timeframe: '1m',
    candle_time: new Date(computedAt.getTime() - 60_000).toISOString(),
    computed_at: computedAt.toISOString(),
    indicators,
    buy_score: '3.5',
    sell_score: '0',
    action: 'BUY',
    atr: '300',
  };
}

describe('GET /api/matrix', () => {
  const harness = useApiHarness();

  it('when sighook wrote a fresh row for one symbol and a stale one for another then the fresh one is shown and the others are named with the reason', async () => {
    const { get, redis, prefix, venue } = await harness();
    const now = venue.clock.now();
    await writeLatestMatrixRow(redis, row('BTC/USD', now), prefix);
    await writeLatestMatrixRow(redis, row('ETH/USD', new Date(now.getTime() - 901_000)), prefix);

    const answer = await get('/api/matrix');

    expect(answer.statusCode).toBe(200);
    expect(answer.json.rows).toEqual([row('BTC/USD', now)]);
    expect(answer.json.refused).toEqual([
      { symbol: 'ETH/USD', refusal: 'STALE', detail: expect.stringContaining('901000 ms ago') },
    ]);
    expect(answer.json.max_age_ms).toBe(900_000);
  });

  it('when the request names symbols then only those are read, and one without a row is MISSING', async () => {
    const { get, redis, prefix, venue } = await harness();
    await writeLatestMatrixRow(redis, row('BTC/USD', venue.clock.now()), prefix);

    const answer = await get('/api/matrix?symbols=SOL/USD');

    expect(answer.json.rows).toEqual([]);
    expect(answer.json.refused).toEqual([{ symbol: 'SOL/USD', refusal: 'MISSING', detail: 'no matrix row' }]);
  });
});
