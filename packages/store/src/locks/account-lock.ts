// A lock per account and purpose that every worker of every replica on one database respects: the
// risk gate's decisions of one account must follow one another, since each reads what the previous
// one wrote (its order row). In one process, callers queue in memory first, so a process holds at most
// one database connection per lock (waiting workers do not drain the pool); across processes, a
// PostgreSQL session advisory lock on that connection. A process that dies drops its connection and
// with it the lock; nothing has to expire. On PGlite (one embedded process) the memory queue is all.
//
// The holder's work gets the store of the lock's session (sessionStoreOf): what it writes through it
// runs on the session that holds the lock, so a write that lands was made under the lock. A session
// lost while the work goes on (a server restart, a network cut, a terminated backend) has released
// the lock to another process, and fails every later statement of the work instead of letting it
// write as if it still held the lock. A lock taken with a held store is taken on the same session:
// one write then proves both locks.
import { poolOf, type SqlTarget, type Store, sessionStoreOf } from '../store.js';

/** What a lock is taken for, per account. */
export interface AccountLockName {
  readonly account: string;
  /** What the lock serialises (e.g. `entries`). */
  readonly purpose: string;
  /**
   * How long the holder's session may stay unused before the server ends it, and the lock with it
   * (default 30 s): a holder stuck that long (a frozen process, a lost network path) no longer blocks
   * the account, and its writes on the ended session fail. Ignored for a lock taken on a held store.
   */
  readonly idleLimitMs?: number;
}

/** The default of AccountLockName.idleLimitMs. */
export const DEFAULT_LOCK_IDLE_LIMIT_MS = 30_000;

const queues = new WeakMap<Store, Map<string, Promise<unknown>>>();

/** A lock holder's session: its connection, and how a failure on it is recorded (it is then destroyed). */
interface HeldSession {
  readonly client: SqlTarget;
  readonly failed: (error: unknown) => Error;
}

const heldSessions = new WeakMap<Store, HeldSession>();

/**
 * Runs `work` while holding the account's lock for `purpose`; callers run one at a time, in order.
 * `work` gets the store of the lock's session (the same store on PGlite): write through it what must
 * be written under the lock.
 */
export async function withAccountLock<T>(
  store: Store,
  name: AccountLockName,
  work: (held: Store) => Promise<T>,
): Promise<T> {
  const key = `hookline:${name.purpose}:${name.account}`;
  let queue = queues.get(store);
  if (queue === undefined) {
    queue = new Map();
    queues.set(store, queue);
  }
  // The previous caller's turn, settled either way (it never rejects).
  const before = queue.get(key) ?? Promise.resolve();
  const idleLimitMs = name.idleLimitMs ?? DEFAULT_LOCK_IDLE_LIMIT_MS;
  const run = before.then(() => holdingDatabaseLock(store, key, idleLimitMs, work));
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queue.set(key, settled);
  try {
    return await run;
  } finally {
    if (queue.get(key) === settled) queue.delete(key);
  }
}

async function holdingDatabaseLock<T>(
  store: Store,
  key: string,
  idleLimitMs: number,
  work: (held: Store) => Promise<T>,
): Promise<T> {
  const outer = heldSessions.get(store);
  if (outer !== undefined) return await underLock(outer, key, () => work(store));
  const pool = poolOf(store);
  if (pool === undefined) return await work(store);
  const client = await pool.connect();
  // A connection whose lock or unlock failed is destroyed, not reused: that ends its session, and
  // with it any lock the session still holds.
  let broken: Error | undefined;
  const failed = (error: unknown) => {
    broken ??= error instanceof Error ? error : new Error(String(error));
    return broken;
  };
  // The connection can die while it holds the lock (a server restart, a network cut): a checked-out
  // client reports that as an error event, which must not go unheard (it would end the process).
  client.on('error', failed);
  try {
    const session = { client, failed };
    const held = sessionStoreOf(store, client);
    heldSessions.set(held, session);
    // The session's idle limit lasts as long as it is ours; a pooled connection goes back without it.
    await setIdleLimit(session, idleLimitMs);
    try {
      return await underLock(session, key, () => work(held));
    } finally {
      await setIdleLimit(session, 0).catch(failed);
    }
  } finally {
    client.off('error', failed);
    client.release(broken);
  }
}

// Takes the advisory lock on the session, runs `work`, and lets the lock go.
async function underLock<T>(session: HeldSession, key: string, work: () => Promise<T>): Promise<T> {
  const { client, failed } = session;
  await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]).catch((error: unknown) => {
    throw failed(error);
  });
  try {
    return await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch(failed);
  }
}

// idle_session_timeout of the session, in milliseconds (0: none).
async function setIdleLimit(session: HeldSession, ms: number): Promise<void> {
  await session.client
    .query(`SELECT set_config('idle_session_timeout', $1, false)`, [String(Math.max(0, Math.round(ms)))])
    .catch((error: unknown) => {
      throw session.failed(error);
    });
}
