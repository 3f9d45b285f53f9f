import { describe, expect, it } from 'vitest';
import { benchmarkCoinbaseUserStream } from '../coinbase-user-stream.js';

// Speed is measured by `pnpm hookline bench`, never asserted: only the shape and the counts are.
describe('benchmarkCoinbaseUserStream', () => {
  it('when run over 500 synthetic updates then each yields one fill and one order event, and the rates are positive', () => {
    const result = benchmarkCoinbaseUserStream({ messages: 500, orders: 7 });

    expect({ messages: result.messages, events: result.events, fills: result.fills }).toEqual({
      messages: 500,
      events: 1_000,
      fills: 500,
    });
    for (const figure of [result.eventsPerSecond, result.messagesPerSecond, result.seconds]) {
      expect(Number.isFinite(figure) && figure > 0).toBe(true);
    }
  });

  it('when asked for no messages then it refuses', () => {
    expect(() => benchmarkCoinbaseUserStream({ messages: 0 })).toThrow(/at least 1 message/);
  });
});
