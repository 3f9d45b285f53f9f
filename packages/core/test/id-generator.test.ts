import { describe, expect, it } from 'vitest';
import type { RandomSource } from '../src/id-generator.js';
import { SequentialIdGenerator, SystemRandomSource, TestClock, UuidV7IdGenerator } from '../src/index.js';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Always the same bytes, so ids differ only by time and counter. */
function fixedRandom(byte: number): RandomSource {
  return { bytes: (count) => new Uint8Array(count).fill(byte) };
}

describe('UuidV7IdGenerator', () => {
  it('when an id is made then it is a UUIDv7 whose first 48 bits are the clock milliseconds', () => {
    const clock = new TestClock(Date.UTC(2024, 0, 1));
    const id = new UuidV7IdGenerator(clock, fixedRandom(0)).next();

    expect(id).toMatch(uuidV7);
    expect(Number.parseInt(id.replace('-', '').slice(0, 12), 16)).toBe(clock.nowMs());
  });

  it('when ids are made in the same millisecond then they still sort in creation order', () => {
    const generator = new UuidV7IdGenerator(new TestClock(1_700_000_000_000), fixedRandom(0xff));
    const ids = Array.from({ length: 5000 }, () => generator.next());

    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(uuidV7);
  });

  it('when the clock steps back then later ids still sort after earlier ones', () => {
    const clock = new TestClock(1_700_000_000_000);
    const generator = new UuidV7IdGenerator(clock, fixedRandom(0x12));
    const first = generator.next();

    clock.set(1_600_000_000_000);
    const second = generator.next();

    expect(second > first).toBe(true);
  });

  it('when time advances then ids sort by time', () => {
    const clock = new TestClock(1_700_000_000_000);
    const generator = new UuidV7IdGenerator(clock, new SystemRandomSource());
    const ids: string[] = [];
    for (let step = 0; step < 100; step += 1) {
      ids.push(generator.next());
      clock.advance(1);
    }

    expect([...ids].sort()).toEqual(ids);
  });

  it('when the random source gives too few bytes then it refuses', () => {
    const generator = new UuidV7IdGenerator(new TestClock(0), { bytes: () => new Uint8Array(4) });

    expect(() => generator.next()).toThrow(/INVALID_ARGUMENT/);
  });
});

describe('SystemRandomSource', () => {
  it('when asked for bytes then it returns that many, different each time', () => {
    const random = new SystemRandomSource();

    expect(random.bytes(16)).toHaveLength(16);
    expect(Buffer.from(random.bytes(16)).equals(Buffer.from(random.bytes(16)))).toBe(false);
  });
});

describe('SequentialIdGenerator', () => {
  it('when ids are made then they are numbered from 1 after the prefix', () => {
    const generator = new SequentialIdGenerator('order');

    expect([generator.next(), generator.next(), generator.next()]).toEqual([
      'order-000001',
      'order-000002',
      'order-000003',
    ]);
  });

  it('when more than nine ids are made then text order is still creation order', () => {
    const generator = new SequentialIdGenerator('fill');
    const ids = Array.from({ length: 120 }, () => generator.next());

    expect([...ids].sort()).toEqual(ids);
  });

  it('when two generators share a prefix then each counts on its own', () => {
    expect(new SequentialIdGenerator('d').next()).toBe(new SequentialIdGenerator('d').next());
  });
});
