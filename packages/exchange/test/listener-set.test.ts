import { describe, expect, it } from 'vitest';
import { ListenerSet } from '../src/stream/listener-set.js';

describe('ListenerSet', () => {
  it('when the same function subscribes twice then it is called twice, and one unsubscribe removes one', () => {
    const calls: number[] = [];
    const set = new ListenerSet<number>();
    const listener = (value: number) => calls.push(value);
    const first = set.add(listener);
    set.add(listener);

    set.emit(1);
    first();
    first();
    set.emit(2);

    expect(calls).toEqual([1, 1, 2]);
  });

  it('when a listener throws then the error is reported and later listeners are still called', () => {
    const errors: unknown[] = [];
    const calls: number[] = [];
    const set = new ListenerSet<number>((error) => errors.push(error));
    set.add(() => {
      throw new Error('boom');
    });
    set.add((value) => calls.push(value));

    set.emit(7);

    expect(calls).toEqual([7]);
    expect(errors).toHaveLength(1);
  });
});
