import { ConfigError, parseConfig } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MATRIX_SETTINGS, matrixSettingsFromConfig } from '../../src/matrix/matrix-settings.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('matrixSettingsFromConfig', () => {
  it('when no matrix key is set then the settings are the documented defaults', () => {
    const settings = matrixSettingsFromConfig(parseConfig({}));
    expect(settings.periods).toEqual(DEFAULT_MATRIX_SETTINGS.periods);
    expect(settings.rsiOversold).toBe(30);
    expect(settings.rsiOverbought).toBe(70);
    expect(settings.volumeRatioThreshold).toBe(1.5);
    expect(
      Object.fromEntries(Object.entries(settings.weights).map(([name, weight]) => [name, weight.toString()])),
    ).toEqual({
      rsi: '1',
      macd: '1',
      bollinger: '1',
      ema_cross: '1',
      roc: '0.5',
      volume: '0.5',
    });
    expect(settings.buyThreshold.toString()).toBe('3');
    expect(settings.sellThreshold.toString()).toBe('3');
  });

  it('when keys are set then they reach the settings, and a component left out of the weights weighs 0', () => {
    const settings = matrixSettingsFromConfig(
      parseConfig({
        HOOKLINE_MATRIX_RSI_PERIOD: '7',
        HOOKLINE_MATRIX_BB_STDDEV: '2.5',
        HOOKLINE_MATRIX_WEIGHTS: ' macd = 2 , roc=0.25 ',
        HOOKLINE_MATRIX_BUY_THRESHOLD: '2',
      }),
    );
    expect(settings.periods.rsi).toBe(7);
    expect(settings.periods.bollingerDeviations).toBe(2.5);
    expect(settings.weights.macd.toString()).toBe('2');
    expect(settings.weights.roc.toString()).toBe('0.25');
    expect(settings.weights.rsi.isZero()).toBe(true);
    expect(settings.buyThreshold.toString()).toBe('2');
  });

  it.each([
    [
      'rsi=1,emacross=1',
      '"emacross=1": unknown component "emacross" (known: rsi, macd, bollinger, ema_cross, roc, volume)',
    ],
    ['rsi=1,macd', '"macd" must look like name=weight'],
    ['rsi=1,macd=-1', '"macd=-1": the weight must be a non-negative decimal'],
    ['rsi=1,rsi=2', '"rsi=2": rsi is given twice'],
    ['rsi=0,macd=0', 'give at least one component a weight above 0'],
  ])('when the weights are %j then the error names the bad part', (weights, message) => {
    const problems = problemsOf({ HOOKLINE_MATRIX_WEIGHTS: weights });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('HOOKLINE_MATRIX_WEIGHTS');
    expect(problems[0]).toContain(message);
  });

  it('when levels and periods contradict each other then every problem is listed at once', () => {
    const config = parseConfig({
      HOOKLINE_MATRIX_RSI_OVERSOLD: '75',
      HOOKLINE_MATRIX_MACD_FAST: '30',
      HOOKLINE_MATRIX_EMA_FAST: '50',
    });
    expect(() => matrixSettingsFromConfig(config)).toThrow(
      /MACD fast period \(30\).*fast EMA period \(50\).*HOOKLINE_MATRIX_RSI_OVERSOLD \(75\) must be below/,
    );
  });

  it('when RSI overbought is above 100 then it is refused', () => {
    const config = parseConfig({ HOOKLINE_MATRIX_RSI_OVERBOUGHT: '101' });
    expect(() => matrixSettingsFromConfig(config)).toThrow(/at most 100/);
  });
});
