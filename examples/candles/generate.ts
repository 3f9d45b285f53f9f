// Writes the example candle files (examples/candles/1h/*.csv) from generateCandleCsv: deterministic,
// so running it again rewrites the same bytes. `node --import tsx examples/candles/generate.ts`
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type CandleSeriesOptions, generateCandleCsv } from '@hookline/exchange';

const HOUR_MS = 3_600_000;
const START_MS = Date.UTC(2025, 0, 1);

/** Each example file (relative to examples/candles) and the series it holds: 2,000 hourly candles. */
export const exampleCandleSeries: Readonly<Record<string, CandleSeriesOptions>> = {
  '1h/BTC-USD.csv': {
    seed: 1,
    startMs: START_MS,
    timeframeMs: HOUR_MS,
    count: 2_000,
    startPrice: '42000',
    typicalVolume: '12.5',
  },
  '1h/ETH-USD.csv': {
    seed: 2,
    startMs: START_MS,
    timeframeMs: HOUR_MS,
    count: 2_000,
    startPrice: '2300',
    typicalVolume: '180',
  },
};

export const exampleCandleDir = dirname(fileURLToPath(import.meta.url));

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [name, options] of Object.entries(exampleCandleSeries)) {
    const path = join(exampleCandleDir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, generateCandleCsv(options));
    process.stdout.write(`wrote ${path}\n`);
  }
}
