// Going live is refused at configuration time on a venue whose private stream does not exist, and the
// sandbox on a venue that has none; paper mode stays allowed on every venue.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/index.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('live configuration rules', () => {
  const refused: ReadonlyArray<{ env: Record<string, string>; message: string }> = [
    { env: { MODE: 'live', EXCHANGE: 'binance' }, message: 'live mode works on: coinbase, kraken' },
    { env: { MODE: 'live', EXCHANGE: 'kraken', HOOKLINE_SANDBOX: 'true' }, message: 'has no sandbox' },
    { env: { MODE: 'paper', EXCHANGE: 'binance', HOOKLINE_SANDBOX: 'true' }, message: 'has no sandbox' },
    { env: { MODE: 'live', HOOKLINE_LIVE_CONFIRMED: 'sure' }, message: 'expected yes (or no)' },
  ];
  it.each(refused)('when $env is given then it is refused saying "$message"', ({ env, message }) => {
    const problems = problemsOf(env);
    expect(problems.some((problem) => problem.includes(message))).toBe(true);
  });

  it('when MODE=live EXCHANGE=binance is refused then the problem names both keys and their values', () => {
    expect(problemsOf({ MODE: 'live', EXCHANGE: 'binance' })).toContainEqual(
      expect.stringContaining('MODE=live, EXCHANGE=binance: '),
    );
  });

  const accepted: ReadonlyArray<Record<string, string>> = [
    { MODE: 'live', EXCHANGE: 'coinbase' },
    { MODE: 'live', EXCHANGE: 'kraken' },
    { MODE: 'live', EXCHANGE: 'coinbase', HOOKLINE_SANDBOX: 'true', HOOKLINE_LIVE_CONFIRMED: 'yes' },
    { MODE: 'paper', EXCHANGE: 'binance' },
    { MODE: 'paper', EXCHANGE: 'kraken' },
  ];
  it.each(accepted)('when $MODE on $EXCHANGE then the configuration is accepted', (env) => {
    expect(problemsOf({ ...env, EXCHANGE_API_KEY: 'key', EXCHANGE_API_SECRET: 'secret' })).toEqual([]);
  });
});
