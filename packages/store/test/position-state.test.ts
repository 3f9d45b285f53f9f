import { dec } from '@hookline/core';
import { describe, expect, it } from 'vitest';
import { usePerFileDatabase } from '../../../test/support/per-file-database.js';
import { PositionStateStore, type StoredPositionState, storeOf } from '../src/index.js';

const NOW = new Date('2025-03-01T10:00:00.000Z');

function state(symbol: string, peak: string, stop: string | undefined): StoredPositionState {
  return {
    symbol,
    hodl: false,
    dust: false,
    trailing: {
      entryTimeMs: Date.UTC(2025, 2, 1, 9, 0, 0, 123),
      peakPrice: dec(peak),
      trailingActive: stop !== undefined,
      trailingStop: stop === undefined ? undefined : dec(stop),
    },
  };
}

/** A load as plain text, so two loads compare by value. */
async function loaded(states: PositionStateStore, account: string) {
  const map = await states.load(account);
  return [...map.values()]
    .sort((a, b) => a.symbol.localeCompare(b.symbol))
    .map((one) => ({
      ...one,
      trailing: {
        ...one.trailing,
        peakPrice: one.trailing.peakPrice.toString(),
        trailingStop: one.trailing.trailingStop?.toString(),
      },
    }));
}

describe('the position states in the store', () => {
  const perFile = usePerFileDatabase('store_position_state');

  it.each([
    { name: 'a first write', account: 'acct-ps-1', writes: [[state('BTC/USD', '62400.50', '61152.4900')]] },
    {
      name: 'an update and a close',
      account: 'acct-ps-2',
      writes: [
        [state('BTC/USD', '62400', undefined), state('ETH/USD', '3000.1', undefined)],
        [state('BTC/USD', '63000.000000001', '61740')],
      ],
      closed: ['ETH/USD'],
    },
  ])(
    'when the sole writer loads after $name then it gets what a store reading the rows gets',
    async ({ account, writes, closed }) => {
      const store = storeOf(perFile.database());
      const sole = new PositionStateStore(store, { writerTerm: () => 1 });
      await sole.load(account);
      for (const [index, changed] of writes.entries()) {
        const last = index === writes.length - 1;
        await sole.sync(account, changed, last ? (closed ?? []) : [], NOW);
      }

      expect(await loaded(sole, account)).toEqual(await loaded(new PositionStateStore(store), account));
    },
  );

  it('when the sole writer has read the rows then a row written by someone else is not seen (the contract: nothing else writes)', async () => {
    const account = 'acct-ps-3';
    const store = storeOf(perFile.database());
    const sole = new PositionStateStore(store, { writerTerm: () => 1 });
    expect((await sole.load(account)).size).toBe(0);

    await new PositionStateStore(store).sync(account, [state('SOL/USD', '150', undefined)], [], NOW);

    expect((await sole.load(account)).size).toBe(0);
    expect((await new PositionStateStore(store).load(account)).size).toBe(1);
  });

  // A writer term ends when the lease is lost or taken anew: another replica may have written meanwhile.
  it.each([
    { name: 'a new term', next: 2 as number | undefined, sees: 1 },
    { name: 'no term (the lease not held)', next: undefined, sees: 1 },
    { name: 'the same term', next: 1, sees: 0 },
  ])(
    'when the writer term becomes $name then a row written by another writer meanwhile is seen: $sees',
    async ({ next, sees }) => {
      const account = `acct-ps-term-${String(next)}`;
      const store = storeOf(perFile.database());
      let term: number | undefined = 1;
      const states = new PositionStateStore(store, { writerTerm: () => term });
      expect((await states.load(account)).size).toBe(0);

      await new PositionStateStore(store).sync(account, [state('SOL/USD', '150', undefined)], [], NOW);
      term = next;

      expect((await states.load(account)).size).toBe(sees);
    },
  );

  it('when a write fails then the next load reads the rows again (the failed write may or may not have committed)', async () => {
    const account = 'acct-ps-failed';
    const store = storeOf(perFile.database());
    const states = new PositionStateStore(store, { writerTerm: () => 1 });
    await states.load(account);
    await new PositionStateStore(store).sync(account, [state('ETH/USD', '3000', undefined)], [], NOW);

    // An entry time that is no instant makes the write fail.
    const valid = state('BTC/USD', '1', undefined);
    const broken = { ...valid, trailing: { ...valid.trailing, entryTimeMs: Number.NaN } };
    await expect(states.sync(account, [broken], [], NOW)).rejects.toThrow();

    expect([...(await states.load(account)).keys()]).toEqual(['ETH/USD']);
  });
});
