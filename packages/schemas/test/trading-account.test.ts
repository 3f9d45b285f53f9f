import { describe, expect, it } from 'vitest';
import { accountModeConflict, parseConfig, tradingAccountOf } from '../src/index.js';

const liveKeys = { EXCHANGE_API_KEY: 'key', EXCHANGE_API_SECRET: 'secret' };

describe('the trading account', () => {
  it.each([
    [{}, 'paper'],
    [{ MODE: 'paper' }, 'paper'],
    [{ MODE: 'live', ...liveKeys }, 'live'],
    [{ MODE: 'paper', HOOKLINE_ACCOUNT: 'lab' }, 'lab'],
    [{ MODE: 'live', HOOKLINE_ACCOUNT: 'main', ...liveKeys }, 'main'],
    [{ MODE: 'live', HOOKLINE_ACCOUNT: '  ', ...liveKeys }, 'live'],
  ])('when the environment is %j then the process trades account %j', (env, account) => {
    expect(tradingAccountOf(parseConfig(env))).toBe(account);
  });

  it.each([
    ['paper', undefined, 'paper', undefined],
    ['live', undefined, 'live', undefined],
    ['paper', 'paper', 'paper', undefined],
    ['live', 'live', 'live', undefined],
    [
      'x',
      'paper',
      'live',
      "account 'x' is a paper account; live mode needs a live account: set HOOKLINE_ACCOUNT to another name (or leave it unset for the 'live' account)",
    ],
    [
      'y',
      'live',
      'paper',
      "account 'y' is a live account; paper mode needs a paper account: set HOOKLINE_ACCOUNT to another name (or leave it unset for the 'paper' account)",
    ],
  ] as const)(
    'when account %j is recorded as %j and a %j start asks for it then the refusal is %j',
    (account, recorded, wanted, refusal) => {
      expect(accountModeConflict(account, recorded, wanted)).toBe(refusal);
    },
  );
});
