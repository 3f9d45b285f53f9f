// The account lock behind the risk gate's one-entry-at-a-time: in one process (one store) and across
// processes (two stores over two pools on one database), and what a holder that dies leaves behind.
import { openDatabase } from '@hookline/db';
import { describe, expect, it } from 'vitest';
import { ADVISORY_LOCK_HOLDERS, END_ADVISORY_LOCK_HOLDERS } from '../../../test/support/advisory-locks.js';
import { usePerFileDatabase } from '../../../test/support/per-file-database.js';
import { storeOf, withAccountLock } from '../src/index.js';
import { queryRows } from '../src/store.js';

const ENTRIES = { account: 'main', purpose: 'entries' };

/** A promise with its resolve, to hold a lock open until the test lets go. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const tick = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the account lock', () => {
  const perFile = usePerFileDatabase('store-account-lock');

  async function secondProcess() {
    const database = await openDatabase({ databaseUrl: perFile.url(), dataDir: '/nonexistent-not-used' });
    perFile.onCleanup(() => database.close());
    return { database, store: storeOf(database) };
  }

  it('when three callers of one process take it at once then they run one at a time, in order, and a failure does not block the next', async () => {
    const store = storeOf(perFile.database());
    const events: string[] = [];
    const work = (name: string, fail = false) =>
      withAccountLock(store, ENTRIES, async () => {
        events.push(`${name} in`);
        await tick(30);
        events.push(`${name} out`);
        if (fail) throw new Error(`${name} failed`);
        return name;
      });

    const results = await Promise.allSettled([work('a'), work('b', true), work('c')]);

    expect(events).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it.each<[string, boolean, { account: string; purpose: string }]>([
    ['the same account and purpose', true, ENTRIES],
    ['another account', false, { account: 'lab', purpose: 'entries' }],
    ['another purpose', false, { account: 'main', purpose: 'exits' }],
  ])(
    'when another process holds it and %s is asked for then the asker waits: %s',
    async (_, waits, asked) => {
      const holder = storeOf(perFile.database());
      const other = await secondProcess();
      const release = gate();
      const held = gate();
      const holding = withAccountLock(holder, ENTRIES, async () => {
        held.open();
        await release.opened;
      });
      await held.opened;

      let ran = false;
      const asking = withAccountLock(other.store, asked, async () => {
        ran = true;
      });
      await tick();
      const ranWhileHeld = ran;
      release.open();
      await Promise.all([holding, asking]);

      expect(ranWhileHeld).toBe(!waits);
      expect(ran).toBe(true);
    },
  );

  it("when the holder's connection dies then the lock is free for another process, and the holder's work still ends", async () => {
    const holder = await secondProcess();
    const other = storeOf(perFile.database());
    const held = gate();
    const taken = gate();
    const holding = withAccountLock(holder.store, ENTRIES, async () => {
      held.open();
      await taken.opened;
      return 'done';
    });
    await held.opened;
    // The holding process's session ends (killed, or its connection cut) while its work goes on.
    await perFile.database().prisma.$executeRawUnsafe(END_ADVISORY_LOCK_HOLDERS);

    const asked = withAccountLock(other, ENTRIES, async () => {
      taken.open();
      return 'taken';
    });

    expect(await asked).toBe('taken');
    expect(await holding).toBe('done');
    // The dead connection was not put back: the holder's next turn gets a live one.
    expect(await withAccountLock(holder.store, ENTRIES, async () => 'again')).toBe('again');
  });

  it("when the holder's session ends while it works then what it writes through the held store fails instead of landing unguarded", async () => {
    const holder = await secondProcess();
    const database = perFile.database().prisma;
    await database.$executeRawUnsafe('CREATE TABLE lock_writes (note text)');
    perFile.onCleanup(async () => {
      await database.$executeRawUnsafe('DROP TABLE lock_writes');
    });

    const outcome = withAccountLock(holder.store, ENTRIES, async (held) => {
      await queryRows(held, 'INSERT INTO lock_writes VALUES ($1)', ['under the lock']);
      await database.$executeRawUnsafe(END_ADVISORY_LOCK_HOLDERS);
      await queryRows(held, 'INSERT INTO lock_writes VALUES ($1)', ['after the lock was lost']);
    });

    await expect(outcome).rejects.toThrow();
    const notes = await database.$queryRawUnsafe<Array<{ note: string }>>('SELECT note FROM lock_writes');
    expect(notes.map((row) => row.note)).toEqual(['under the lock']);
    expect(await withAccountLock(holder.store, ENTRIES, async () => 'again')).toBe('again');
  });

  it('when a lock is taken with the held store of another then both are held by one session and both are let go', async () => {
    const store = storeOf(perFile.database());
    const advisoryLocks = () =>
      perFile.database().prisma.$queryRawUnsafe<Array<{ pid: number }>>(ADVISORY_LOCK_HOLDERS);

    const inside = await withAccountLock(store, ENTRIES, (entries) =>
      withAccountLock(entries, { account: 'main', purpose: 'exit-start:BTC/USD' }, async (held) => {
        const [session] = await queryRows<{ pid: number }>(held, 'SELECT pg_backend_pid() AS pid', []);
        return { session: session?.pid, locks: await advisoryLocks() };
      }),
    );

    expect(inside.locks.map((lock) => lock.pid)).toEqual([inside.session, inside.session]);
    expect(await advisoryLocks()).toEqual([]);
  });

  it('when a holder leaves its session unused past the idle limit then the server ends it: another process gets the lock and the holder cannot write', async () => {
    const holder = await secondProcess();
    const other = storeOf(perFile.database());
    const stuck = gate();
    const holding = gate();

    const outcome = withAccountLock(holder.store, { ...ENTRIES, idleLimitMs: 300 }, async (held) => {
      holding.open();
      await stuck.opened;
      await queryRows(held, 'SELECT 1', []);
    });
    await holding.opened;
    const asked = await withAccountLock(other, ENTRIES, async () => 'taken');
    stuck.open();

    expect(asked).toBe('taken');
    await expect(outcome).rejects.toThrow();
    expect(await withAccountLock(holder.store, ENTRIES, async () => 'again')).toBe('again');
  });

  it('when a lock is let go then its connection goes back to the pool without the idle limit', async () => {
    const store = storeOf(perFile.database());
    const setting = `SELECT pg_backend_pid() AS pid, current_setting('idle_session_timeout') AS "limit"`;

    const during = await withAccountLock(store, { ...ENTRIES, idleLimitMs: 1_500 }, async (held) => {
      const [row] = await queryRows<{ pid: number; limit: string }>(held, setting, []);
      return row;
    });
    // The pool hands out the connection released last: the lock's.
    const [after] = await queryRows<{ pid: number; limit: string }>(store, setting, []);

    expect(during?.limit).toBe('1500ms');
    expect(after).toEqual({ pid: during?.pid, limit: '0' });
  });
});
