import { type Decimal, dec, max, min, toFixedString } from '@hookline/core';
import { SeededRandom } from './seeded-random.js';

/** What a generated candle series looks like. */
export interface CandleSeriesOptions {
  readonly seed: number;
  /** The first candle's open time (on the timeframe's grid). */
  readonly startMs: number;
  readonly timeframeMs: number;
  readonly count: number;
  /** The first open, e.g. `42000`. */
  readonly startPrice: string;
  /** The typical volume of one candle, e.g. `12.5`. */
  readonly typicalVolume: string;
}

/**
 * A deterministic candle file (`time,open,high,low,close,volume`) for offline tests and examples: a
 * random walk in basis points from 32-bit integer draws (the same file on every platform), with a
 * trend that changes every 200 candles so indicators see rises, falls and ranges. Each open is the
 * previous close; high and low wrap open and close; prices have 2 decimals, volumes 4.
 */
export function generateCandleCsv(options: CandleSeriesOptions): string {
  const random = SeededRandom.fromSeed(options.seed);
  const draw = (size: number) => random.nextUint32() % size;
  const bps = (value: number) => dec(value).dividedBy(10_000);
  const price = (value: Decimal) => toFixedString(value, 2);
  const lines = ['time,open,high,low,close,volume'];
  let open = dec(options.startPrice);
  let trend = 0;
  for (let index = 0; index < options.count; index += 1) {
    if (index % 200 === 0) trend = draw(13) - 6;
    // Four uniform draws summed: a bell-shaped move of about ±35 bps, plus the trend.
    const move = draw(61) + draw(61) + draw(61) + draw(61) - 120 + trend;
    const close = dec(price(open.times(bps(10_000 + move))));
    const high = max(open, close).times(bps(10_000 + draw(25)));
    const low = min(open, close).times(bps(10_000 - draw(25)));
    const volume = dec(options.typicalVolume)
      .times(50 + draw(100) + Math.abs(move))
      .dividedBy(100);
    const time = new Date(options.startMs + index * options.timeframeMs).toISOString().replace('.000Z', 'Z');
    lines.push(
      [time, price(open), price(high), price(low), price(close), toFixedString(volume, 4)].join(','),
    );
    open = close;
  }
  return `${lines.join('\n')}\n`;
}
