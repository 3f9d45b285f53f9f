import { storeOf } from '@hookline/store';
import { describe, expect, it } from 'vitest';
import { usePerFileDatabase } from '../../../../test/support/per-file-database.js';
import { ACCOUNT_WIDE, SentinelMemory } from '../../src/exits/sentinel-memory.js';

const NOW = new Date('2025-03-01T10:00:00.000Z');

describe("the sentinel's memory", () => {
  const perFile = usePerFileDatabase('sentinel_memory');
  const memoryOf = (account: string, soleWriter: boolean) =>
    new SentinelMemory({ store: storeOf(perFile.database()), account, now: () => NOW, soleWriter });

  it.each([
    { soleWriter: false, seesForeignWrite: true },
    { soleWriter: true, seesForeignWrite: false },
  ])(
    'when soleWriter is $soleWriter and another writer stores a value then a later load sees it: $seesForeignWrite',
    async ({ soleWriter, seesForeignWrite }) => {
      const account = `acct-memory-${soleWriter}`;
      const memory = memoryOf(account, soleWriter);
      await memory.load();
      memory.set('DUST', 'BTC/USD', { amount: '0.0001' });

      const other = memoryOf(account, false);
      await other.load();
      other.set('CAP_PHASE', ACCOUNT_WIDE, { kind: 'WAITING', cycle: 2 });
      await other.flush();
      await memory.load();

      // What this memory set is written by the load either way, and kept.
      expect(memory.get('DUST', 'BTC/USD')).toEqual({ amount: '0.0001' });
      const reread = memoryOf(account, false);
      await reread.load();
      expect(reread.get('DUST', 'BTC/USD')).toEqual({ amount: '0.0001' });
      expect(memory.get('CAP_PHASE', ACCOUNT_WIDE) !== undefined).toBe(seesForeignWrite);
    },
  );

  it('when a sole writer forgets a symbol then a fresh read gives what it holds', async () => {
    const account = 'acct-memory-forget';
    const memory = memoryOf(account, true);
    await memory.load();
    memory.set('DUST', 'BTC/USD', { amount: '0.0001' });
    memory.set('EXIT_RETRY', 'ETH/USD', { reason: 'SOFT_STOP', amount: '1', refusals: 1, nextAtMs: 5 });
    await memory.load();
    memory.forgetSymbol('BTC/USD');
    await memory.load();

    const reread = memoryOf(account, false);
    await reread.load();
    expect(reread.symbols()).toEqual(memory.symbols());
    expect(reread.get('EXIT_RETRY', 'ETH/USD')).toEqual(memory.get('EXIT_RETRY', 'ETH/USD'));
  });
});
