import { readFileSync } from 'node:fs';
import type { Candle } from '@hookline/exchange';
import { parseCandleCsv } from '@hookline/exchange';

/** The text of a file in apps/sighook/test/fixtures. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

/** The candles of a fixture CSV (time,open,high,low,close,volume). */
export function fixtureCandles(name: string): Candle[] {
  return parseCandleCsv(fixtureText(name)).map((row) => ({
    openTime: new Date(row.timeMs),
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volume: row.volume,
  }));
}
