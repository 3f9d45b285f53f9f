import { describe, expect, it } from 'vitest';
import { JOB_QUEUE_PREFIX, jobQueuePrefixOf, parseConfig, tradingAccountOf } from '../src/index.js';

describe("an account's job queue prefix", () => {
  it.each([
    ['paper', undefined, 'hookline:jobs:paper'],
    ['live', undefined, 'hookline:jobs:live'],
    ['lab.2_b-c', 'test-x', 'test-x:jobs:lab.2_b-c'],
  ])('when account %s is given (base %s) then its queues live under %s', (account, base, prefix) => {
    expect(jobQueuePrefixOf(account, base)).toBe(prefix);
  });

  it('when two accounts are given then their prefixes differ and neither is the base one', () => {
    expect(jobQueuePrefixOf('a')).not.toBe(jobQueuePrefixOf('b'));
    expect(jobQueuePrefixOf('a')).not.toBe(JOB_QUEUE_PREFIX);
  });

  it.each([
    ['a:b', 'a colon would be read as another key level'],
    ['{lab}', 'braces are a Redis Cluster hash tag'],
    ['', 'empty'],
    ['x'.repeat(65), 'longer than 64'],
    ['lab one', 'a space'],
  ])('when the account is %j (%s) then it is refused with the name and the rule', (account) => {
    expect(() => jobQueuePrefixOf(account)).toThrow(
      `account name ${JSON.stringify(account)} cannot name job queues: letters, digits, _ . - only, at most 64`,
    );
  });

  it('when the configuration accepts an account then it names job queues too', () => {
    for (const env of [{ HOOKLINE_ACCOUNT: 'Main_1.x-y' }, { MODE: 'paper' as const }]) {
      expect(() => jobQueuePrefixOf(tradingAccountOf(parseConfig(env)))).not.toThrow();
    }
    expect(() => parseConfig({ HOOKLINE_ACCOUNT: 'a:b' })).toThrow(
      /letters, digits, _ \. - only, at most 64/,
    );
  });
});
