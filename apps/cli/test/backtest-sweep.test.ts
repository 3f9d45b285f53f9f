import { describe, expect, it } from 'vitest';
import { rankSweep } from '../src/backtest/backtest-sweep.js';
import { type SweepSetting, sweepGrid } from '../src/backtest/sweep-grid.js';
import { cleanEnvironment, repositoryRoot, runCli } from './support/run-cli.js';

describe('sweep grid', () => {
  it('when two keys are swept then every combination is a setting, in the order given', () => {
    const grid = sweepGrid(['HOOKLINE_HARD_STOP_PCT=3,5', 'HOOKLINE_TRAILING_ACTIVATION_PCT=1,2,3'], {
      MODE: 'paper',
    });
    expect(grid.map((setting) => setting.map(([key, value]) => `${key}=${value}`).join(' '))).toEqual([
      'HOOKLINE_HARD_STOP_PCT=3 HOOKLINE_TRAILING_ACTIVATION_PCT=1',
      'HOOKLINE_HARD_STOP_PCT=3 HOOKLINE_TRAILING_ACTIVATION_PCT=2',
      'HOOKLINE_HARD_STOP_PCT=3 HOOKLINE_TRAILING_ACTIVATION_PCT=3',
      'HOOKLINE_HARD_STOP_PCT=5 HOOKLINE_TRAILING_ACTIVATION_PCT=1',
      'HOOKLINE_HARD_STOP_PCT=5 HOOKLINE_TRAILING_ACTIVATION_PCT=2',
      'HOOKLINE_HARD_STOP_PCT=5 HOOKLINE_TRAILING_ACTIVATION_PCT=3',
    ]);
  });

  it.each([
    { sweep: ['HARD_STOP=3,5'], message: 'HARD_STOP: not a configuration key' },
    { sweep: ['HOOKLINE_HARD_STOP_PCT'], message: 'must be KEY=v1,v2' },
    { sweep: ['HOOKLINE_HARD_STOP_PCT=3,,5'], message: 'an empty value' },
    { sweep: ['HOOKLINE_HARD_STOP_PCT=3', 'HOOKLINE_HARD_STOP_PCT=5'], message: 'given twice' },
    { sweep: ['HOOKLINE_HARD_STOP_PCT=3,abc'], message: 'HOOKLINE_HARD_STOP_PCT=abc' },
    { sweep: ['HOOKLINE_HARD_STOP_PCT=120'], message: 'HOOKLINE_HARD_STOP_PCT=120' },
  ])('when --sweep is $sweep then it is refused naming what is wrong', ({ sweep, message }) => {
    expect(() => sweepGrid(sweep, { MODE: 'paper' })).toThrow(message);
  });
});

// A result whose full report and halves carry the given sharpe figures.
function result(index: number, full: string | null, first: string | null, second: string | null) {
  const json = (sharpe: string | null) => JSON.stringify({ summary: { sharpe, trades: 1 } });
  return { index, full: json(full), halves: [json(first), json(second)] as const };
}
const settings: SweepSetting[] = [[['K', 'a']], [['K', 'b']], [['K', 'c']], [['K', 'd']]];

describe('sweep ranking', () => {
  it('when the best setting is also good in both halves then it ranks first and there is no warning', () => {
    const ranking = rankSweep(
      settings,
      [
        result(0, '0.5', '0.4', '0.6'),
        result(1, '1.5', '1.2', '1.1'),
        result(2, null, null, null),
        result(3, '0.9', '0.8', '0.9'),
      ],
      'sharpe',
    );
    expect(ranking.settings.map((row) => [row.rank, row.setting])).toEqual([
      [1, 'K=b'],
      [2, 'K=d'],
      [3, 'K=a'],
      [4, 'K=c'],
    ]);
    expect(ranking.warning).toBeNull();
  });

  it('when the best setting wins in the first half only then the ranking warns with its place in the second', () => {
    const ranking = rankSweep(
      settings,
      [
        result(0, '0.5', '0.4', '0.7'),
        result(1, '1.5', '3.0', '-0.2'),
        result(2, '0.1', '0.1', '0.5'),
        result(3, '0.9', '0.8', '0.9'),
      ],
      'sharpe',
    );
    expect(ranking.settings[0]?.setting).toBe('K=b');
    expect(ranking.warning).toBe(
      'the best setting (K=b) ranks 4 of 4 by sharpe in the second half: it may fit one part of the period only',
    );
  });
});

describe('sweep command', () => {
  it('when two settings are swept over the example candles then both are ranked on worker threads', async () => {
    const result = await runCli(
      [
        'backtest',
        '--candles',
        `${repositoryRoot}examples/candles/1h/BTC-USD.csv`,
        '--to',
        '2025-01-12',
        '--sweep',
        'HOOKLINE_HARD_STOP_PCT=3,5',
        '--rank',
        'netProfitPct',
        '--json',
      ],
      cleanEnvironment({}),
    );
    expect(result.code, result.output).toBe(0);
    const ranking = JSON.parse(
      result.output.slice(result.output.indexOf('{'), result.output.lastIndexOf('}') + 1),
    );
    expect(ranking.rankBy).toBe('netProfitPct');
    expect(ranking.settings.map((row: { setting: string }) => row.setting).sort()).toEqual([
      'HOOKLINE_HARD_STOP_PCT=3',
      'HOOKLINE_HARD_STOP_PCT=5',
    ]);
    expect(ranking.settings[0].summary.trades).toBeGreaterThan(0);
  }, 300_000);

  it('when --rank is given without --sweep then it exits 2', async () => {
    const result = await runCli(
      ['backtest', '--candles', `${repositoryRoot}examples/candles/1h/BTC-USD.csv`, '--rank', 'sharpe'],
      cleanEnvironment({}),
    );
    expect(result.code).toBe(2);
    expect(result.output).toContain('--rank needs --sweep');
  }, 60_000);
});
