import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { summaryTimeAtOrBefore } from '../../src/notify/daily-summary.js';
import { eventText } from '../../src/notify/event-text.js';
import { redactSecrets } from '../../src/notify/notify-redaction.js';
import {
  circuitEvent,
  dailyLossEvent,
  exitStartedEvents,
  reconcileMismatchEvent,
} from '../../src/notify/trading-event.js';

const at = new Date('2024-05-01T12:00:00Z');

describe('trading events', () => {
  it.each([
    ['HARD_STOP', ['stop.fired', 'exit.started'], 'hard'],
    ['SOFT_STOP', ['stop.fired', 'exit.started'], 'soft'],
    ['TRAILING_STOP', ['stop.fired', 'exit.started'], 'trailing'],
    ['TAKE_PROFIT', ['exit.started'], undefined],
    ['MANUAL', ['exit.started'], undefined],
  ] as const)('when an exit starts for %s then the events are %j', (reason, kinds, stop) => {
    const events = exitStartedEvents({
      symbol: 'BTC/USD',
      reason,
      amount: dec('0.01'),
      decisionId: 'd-1',
      at,
    });
    expect(events.map((event) => event.kind)).toEqual(kinds);
    const fired = events.find((event) => event.kind === 'stop.fired');
    expect(fired === undefined ? undefined : 'stop' in fired ? fired.stop : undefined).toBe(stop);
  });

  it('when the same occurrence is built twice then its id is the same, and ids hold no colon', () => {
    const first = exitStartedEvents({
      symbol: 'BTC/USD',
      reason: 'HARD_STOP',
      amount: dec('1'),
      decisionId: 'd:1',
      at,
    });
    const second = exitStartedEvents({
      symbol: 'BTC/USD',
      reason: 'HARD_STOP',
      amount: dec('1'),
      decisionId: 'd:1',
      at: new Date(),
    });
    expect(first.map((event) => event.id)).toEqual(second.map((event) => event.id));
    expect(first.every((event) => !event.id.includes(':'))).toBe(true);
  });

  it.each([
    [
      'the daily loss limit, later the same day',
      dailyLossEvent({ account: 'a', at, detail: 'x' }).id,
      dailyLossEvent({ account: 'a', at: new Date('2024-05-01T23:00:00Z'), detail: 'y' }).id,
      true,
    ],
    [
      'the daily loss limit, the next day',
      dailyLossEvent({ account: 'a', at, detail: 'x' }).id,
      dailyLossEvent({ account: 'a', at: new Date('2024-05-02T00:00:00Z'), detail: 'x' }).id,
      false,
    ],
    [
      'a mismatch seen again the same day',
      reconcileMismatchEvent({ symbol: 'ETH/USD', detail: 'ZOMBIE_POSITION: ledger 1', at }).id,
      reconcileMismatchEvent({ symbol: 'ETH/USD', detail: 'ZOMBIE_POSITION: ledger 2', at }).id,
      true,
    ],
    [
      'another kind of mismatch',
      reconcileMismatchEvent({ symbol: 'ETH/USD', detail: 'ZOMBIE_POSITION: x', at }).id,
      reconcileMismatchEvent({ symbol: 'ETH/USD', detail: 'UNKNOWN_HOLDING: x', at }).id,
      false,
    ],
  ])('when %s is told then it is %s the same message', (_case, first, second, same) => {
    expect(first === second).toBe(same);
  });

  it('when a breaker opens then the text names the exchange and scope', () => {
    const event = circuitEvent({ exchange: 'coinbase', scope: 'orders', state: 'OPEN', at });
    expect(event.kind).toBe('circuit.opened');
    expect(eventText(event)).toBe(
      'Exchange circuit OPEN: coinbase orders\nthe orders circuit of coinbase is OPEN',
    );
  });

  it.each([
    ['2024-05-01T07:59:59Z', 8, '2024-04-30T08:00:00.000Z'],
    ['2024-05-01T08:00:00Z', 8, '2024-05-01T08:00:00.000Z'],
    ['2024-05-01T23:10:00Z', 0, '2024-05-01T00:00:00.000Z'],
  ])('when it is %s and the summary hour is %i then the last summary time is %s', (now, hour, expected) => {
    expect(summaryTimeAtOrBefore(new Date(now), hour).toISOString()).toBe(expected);
  });

  it('when an error carries a webhook URL or token then they are redacted, the URL path too', () => {
    const url = 'https://discord.com/api/webhooks/1/secret-part';
    expect(
      redactSecrets(`POST ${url} failed; path /api/webhooks/1/secret-part; token 123:abc`, [url, '123:abc']),
    ).toBe('POST [redacted] failed; path [redacted]; token [redacted]');
  });
});
