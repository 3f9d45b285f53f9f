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

describe('paper mode keys', () => {
  it('when nothing is set then paper trades live prices with 100000 USD and 250 ms of latency', () => {
    const config = parseConfig({});
    expect([
      config.HOOKLINE_PAPER_PRICES,
      config.HOOKLINE_PAPER_BALANCES,
      config.HOOKLINE_PAPER_LATENCY_MS,
    ]).toEqual(['live', { USD: '100000' }, 250]);
  });

  it.each([
    ['USD:10000,BTC:0.5', { USD: '10000', BTC: '0.5' }],
    [' usd : 2500 , eth:1.25 ', { USD: '2500', ETH: '1.25' }],
    ['USDC:0', { USDC: '0' }],
  ])('when HOOKLINE_PAPER_BALANCES is %j then the balances are %j', (value, expected) => {
    expect(parseConfig({ HOOKLINE_PAPER_BALANCES: value }).HOOKLINE_PAPER_BALANCES).toEqual(expected);
  });

  it('when HOOKLINE_PAPER_BALANCES has several bad entries then each one is reported by name', () => {
    const problems = problemsOf({ HOOKLINE_PAPER_BALANCES: 'USD10000,BTC:-1,USD:5,ETH:1:2,USD:7' }).join(
      '\n',
    );

    expect(problems).toContain('"USD10000"');
    expect(problems).toContain('"BTC:-1"');
    expect(problems).toContain('"ETH:1:2"');
    expect(problems).toContain('USD is given twice');
    expect(problems).toContain('HOOKLINE_PAPER_BALANCES');
  });

  it('when HOOKLINE_PAPER_BALANCES is empty or HOOKLINE_PAPER_PRICES is unknown then the problem says what is expected', () => {
    const problems = problemsOf({ HOOKLINE_PAPER_BALANCES: ' , ', HOOKLINE_PAPER_PRICES: 'real' }).join('\n');

    expect(problems).toContain('expected at least one CURRENCY:AMOUNT');
    expect(problems).toContain('expected live or simulated');
  });
});
