import { TestClock } from '@hookline/core';
import { type NormalizedAlert, parseAddressRule } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';
import { idempotencyKeys } from '../../src/ingress/idempotency-key.js';
import { createPassphraseCheck } from '../../src/ingress/passphrase-check.js';
import { TokenBucketRateLimiter } from '../../src/ingress/rate-limiter.js';
import { resolveSenderAddress } from '../../src/ingress/sender-address.js';

const alert: NormalizedAlert = {
  template: 'hookline',
  id: null,
  action: 'buy',
  symbol: 'BTC/USD',
  ticker: 'BTCUSD',
  exchange: null,
  price: '65000',
  time: '2024-05-01T12:00:00.000Z',
  size: { unit: 'quote', amount: '100' },
  orderType: null,
};

describe('createPassphraseCheck', () => {
  const check = createPassphraseCheck('correct-horse-battery-staple');

  it.each([
    ['correct-horse-battery-staple', true],
    ['correct-horse-battery-stapl', false],
    ['correct-horse-battery-staple ', false],
    ['', false],
    [undefined, false],
  ])('when the sender gives %j then the check says %s', (given, matches) => {
    expect(check(given)).toBe(matches);
  });
});

describe('idempotencyKeys', () => {
  const at = new Date('2024-05-01T12:00:30.000Z');

  it('when the alert has an id then the key is the action and id, with no window', () => {
    expect(idempotencyKeys({ ...alert, id: 'abc' }, at, 60)).toEqual({ key: 'tradingview:id:buy:abc' });
  });

  it('when two alerts differ only in price and time then their content keys are equal', () => {
    const moved = { ...alert, price: '65100', time: '2024-05-01T12:00:05.000Z', ticker: 'COINBASE:BTCUSD' };

    expect(idempotencyKeys(moved, at, 60)).toEqual(idempotencyKeys(alert, at, 60));
  });

  it.each([
    ['the action', { action: 'sell' }],
    ['the symbol', { symbol: 'ETH/USD' }],
    ['the size', { size: { unit: 'quote', amount: '101' } }],
    ['the size unit', { size: { unit: 'base', amount: '100' } }],
    ['the order type', { orderType: 'market' }],
  ] as const)('when %s differs then the content key differs', (_name, change) => {
    expect(idempotencyKeys({ ...alert, ...change }, at, 60).key).not.toBe(idempotencyKeys(alert, at, 60).key);
  });

  it('when a content key is made then it also names the previous window and since when it counts', () => {
    const keys = idempotencyKeys(alert, at, 60);
    const bucket = Math.floor(at.getTime() / 60_000);

    expect(keys.key).toMatch(new RegExp(`^tradingview:sha256:[0-9a-f]{64}:${bucket}$`));
    expect(keys.previous).toEqual({
      key: keys.key.replace(`:${bucket}`, `:${bucket - 1}`),
      since: new Date('2024-05-01T11:59:30.000Z'),
    });
  });
});

describe('TokenBucketRateLimiter', () => {
  it('when the burst is spent then the next take waits for one token, and tokens come back over time', () => {
    const clock = new TestClock(0);
    const limiter = new TokenBucketRateLimiter(clock, 60);

    const burst = Array.from({ length: 60 }, () => limiter.take('a').allowed);
    const refused = limiter.take('a');
    const refusedAgain = limiter.take('a');
    clock.advance(1_000);
    const refilled = limiter.take('a');

    expect(burst.every(Boolean)).toBe(true);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 1, firstRefusal: true });
    expect(refusedAgain).toMatchObject({ allowed: false, firstRefusal: false });
    expect(refilled).toEqual({ allowed: true });
    expect(limiter.take('b')).toEqual({ allowed: true });
  });

  it('when more senders than it tracks arrive then it forgets some instead of growing', () => {
    const clock = new TestClock(0);
    const limiter = new TokenBucketRateLimiter(clock, 1, 3);

    for (const sender of ['a', 'b', 'c', 'd']) limiter.take(sender);

    // "a" was the oldest and was forgotten, so it starts with a full bucket again.
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('d')).toMatchObject({ allowed: false });
  });
});

describe('resolveSenderAddress', () => {
  const proxies = ['10.0.0.0/8', '192.168.1.1'].map((text) => parseAddressRule(text) ?? expect.fail(text));

  it.each([
    ['no proxy is trusted', '10.0.0.2', '1.2.3.4', [], '10.0.0.2'],
    ['the peer is not a trusted proxy', '203.0.113.5', '1.2.3.4', proxies, '203.0.113.5'],
    ['the peer is a trusted proxy', '10.0.0.2', '1.2.3.4', proxies, '1.2.3.4'],
    ['two trusted proxies forwarded it', '10.0.0.2', '9.9.9.9, 1.2.3.4, 192.168.1.1', proxies, '1.2.3.4'],
    ['the header is missing', '10.0.0.2', undefined, proxies, '10.0.0.2'],
    ['the peer is IPv4-mapped IPv6', '::ffff:10.0.0.2', '::ffff:1.2.3.4', proxies, '1.2.3.4'],
  ] as const)('when %s then the sender is %s', (_name, peer, header, trusted, sender) => {
    expect(resolveSenderAddress(peer, header, trusted)).toBe(sender);
  });
});
