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
      const sole = new PositionStateStore(store, { soleWriter: true });
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
    const sole = new PositionStateStore(store, { soleWriter: true });
    expect((await sole.load(account)).size).toBe(0);

    await new PositionStateStore(store).sync(account, [state('SOL/USD', '150', undefined)], [], NOW);

    expect((await sole.load(account)).size).toBe(0);
    expect((await new PositionStateStore(store).load(account)).size).toBe(1);
  });
});
