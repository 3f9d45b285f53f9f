// The example candle files (examples/candles) are the generator's output, good for a backtest, and
// the README's `signals --candles` example runs on them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { candleTimeframeMs, generateCandleCsv, validateCandles } from '@hookline/exchange';
import { DEFAULT_INDICATOR_PERIODS, warmUpCandles } from '@hookline/sighook';
import { describe, expect, it } from 'vitest';
import { exampleCandleDir, exampleCandleSeries } from '../../../examples/candles/generate.js';
import { cleanEnvironment, runCli } from './support/run-cli.js';

const files = Object.entries(exampleCandleSeries);

describe('examples/candles', () => {
  it.each(files)(
    'when %s is generated again then it is the committed file byte for byte',
    (name, options) => {
      expect(readFileSync(join(exampleCandleDir, name), 'utf8')).toBe(generateCandleCsv(options));
    },
  );

  it.each(files)('when %s is validated for a backtest then it has no problem', (name) => {
    const rows = validateCandles(readFileSync(join(exampleCandleDir, name), 'utf8'), {
      file: name,
      timeframeMs: candleTimeframeMs['1h'],
      warmupCandles: warmUpCandles(DEFAULT_INDICATOR_PERIODS),
    });
    expect(rows).toHaveLength(2_000);
  });

  it('when the total size is measured then the files stay small', () => {
    const bytes = files.reduce(
      (total, [name]) => total + readFileSync(join(exampleCandleDir, name)).length,
      0,
    );
    expect(bytes).toBeLessThan(300_000);
  });

  it('when signals --candles reads an example file then it prints the last candle row', async () => {
    const result = await runCli(
      ['signals', '--candles', join(exampleCandleDir, '1h/BTC-USD.csv'), '--json'],
      cleanEnvironment({}),
    );
    expect(result.code).toBe(0);
    expect(result.output).toContain('"symbol": "BTC-USD"');
  }, 60_000);
});
