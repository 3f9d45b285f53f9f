import { describe, expect, it } from 'vitest';
import { type Clock, SystemClock, TestClock } from '../src/index.js';

const start = Date.UTC(2024, 1, 29, 12, 0, 0);

describe('TestClock', () => {
  it('when created at an instant then it reads that instant as Date and milliseconds', () => {
    const clock: Clock = new TestClock(new Date(start));

    expect(clock.now().toISOString()).toBe('2024-02-29T12:00:00.000Z');
    expect(clock.nowMs()).toBe(start);
  });

  it('when advanced then it moves forward by exactly that many milliseconds', () => {
    const clock = new TestClock(start);

    clock.advance(3_000).advance(1);

    expect(clock.nowMs()).toBe(start + 3_001);
  });

  it('when set then it jumps to the instant, backward too', () => {
    const clock = new TestClock(start);

    clock.set(new Date(Date.UTC(2023, 0, 1)));

    expect(clock.now().toISOString()).toBe('2023-01-01T00:00:00.000Z');
  });

  it('when the returned Date is changed then the clock is not', () => {
    const clock = new TestClock(start);

    clock.now().setUTCFullYear(1999);

    expect(clock.nowMs()).toBe(start);
  });

  it.each([[-1], [0.5], [Number.NaN]])('when advanced by %d then it refuses', (milliseconds) => {
    expect(() => new TestClock(start).advance(milliseconds)).toThrow(/INVALID_ARGUMENT/);
  });

  it('when created from an invalid Date then it refuses', () => {
    expect(() => new TestClock(new Date(Number.NaN))).toThrow(/INVALID_ARGUMENT/);
  });
});

describe('SystemClock', () => {
  it('when read then Date and milliseconds agree with the wall clock', () => {
    const clock = new SystemClock();
    const before = clock.nowMs();
    const now = clock.now().getTime();
    const after = clock.nowMs();

    expect(now).toBeGreaterThanOrEqual(before);
    expect(after).toBeGreaterThanOrEqual(now);
    expect(before).toBeGreaterThan(Date.UTC(2024, 0, 1));
  });
});
