// The one handle through which the apps reach the database. It is opaque on purpose: an app holds a
// Store and calls this package's typed functions with it, and cannot write a query of its own, so
// every SQL statement and Prisma call of the apps lives in this package, one module per table group.
import { type IdGenerator, SystemClock, SystemRandomSource, UuidV7IdGenerator } from '@hookline/core';
import { type Database, type PrismaClient, pgPoolOf } from '@hookline/db';
import { defaultUsdCurrencies } from '@hookline/ledger';
import { withRowIds } from './row-ids.js';

declare const storeBrand: unique symbol;

/** An open database as the apps see it: only this package's functions can use it. */
export interface Store {
  readonly [storeBrand]: true;
  /** Quote currencies valued 1:1 in USD (the ledger's configuration): open lots are quoted in these. */
  readonly usdCurrencies: readonly string[];
}

/** How the store reads the ledger. */
export interface StoreOptions {
  /** Default USD, USDC, USDT (HOOKLINE_LEDGER_USD_CURRENCIES). */
  readonly usdCurrencies?: readonly string[] | undefined;
  /** Ids for the decision and trade-record rows this store creates (default: the database's; row-ids.ts). */
  readonly rowIds?: IdGenerator | undefined;
}

/** What a store is opened over: an open database, or a bare Prisma client (tests that open their own). */
export type StoreSource = Database | PrismaClient;

/** What runs a store's SQL statements: its pg pool, or one session (a lock holder's, sessionStoreOf). */
export interface SqlTarget {
  query(sql: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

const clients = new WeakMap<Store, PrismaClient>();
const pools = new WeakMap<Store, NonNullable<ReturnType<typeof pgPoolOf>>>();
const sessions = new WeakMap<Store, SqlTarget>();
const rowIdGenerators = new WeakMap<Store, IdGenerator>();
/** Prisma's uuid(7) default, for rows this package inserts by SQL: wall clock, system randomness. */
const defaultRowIds = new UuidV7IdGenerator(new SystemClock(), new SystemRandomSource());

/** The store over an open database (or a bare Prisma client, for tests that open their own). */
export function storeOf(database: StoreSource, options: StoreOptions = {}): Store {
  const opened = 'prisma' in database ? database.prisma : database;
  const prisma = options.rowIds === undefined ? opened : withRowIds(opened, options.rowIds);
  const store = Object.freeze({
    usdCurrencies: Object.freeze([...(options.usdCurrencies ?? defaultUsdCurrencies)]),
  }) as Store;
  clients.set(store, prisma);
  if (options.rowIds !== undefined) rowIdGenerators.set(store, options.rowIds);
  const pool = pgPoolOf(opened);
  if (pool !== undefined) pools.set(store, pool);
  return store;
}

/**
 * Rows of one statement ($1, $2 … parameters): a read, or a write with RETURNING, atomic on its own.
 * On a PostgreSQL server it runs on the pg pool under the Prisma client: Prisma's queries cost tens of
 * microseconds of JavaScript per row and parameter (most of a read of thousands of rows made every
 * few seconds; most of the CPU of a hot path's few small statements). On PGlite, through Prisma. Columns come back as pg gives them: cast numerics to text in the SQL and parse them here.
 */
export async function queryRows<Row>(
  store: Store,
  sql: string,
  parameters: readonly unknown[],
): Promise<Row[]> {
  const target = sessions.get(store) ?? pools.get(store);
  if (target !== undefined) return (await target.query(sql, [...parameters])).rows as Row[];
  return await clientOf(store).$queryRawUnsafe<Row[]>(sql, ...parameters);
}

/**
 * A new id for a decision or trade-record row this package inserts by SQL: from the store's `rowIds`
 * when it was opened with them (row-ids.ts: replays print the same ids), else a UUIDv7 like Prisma's.
 */
export function newRowId(store: Store): string {
  return (rowIdGenerators.get(store) ?? defaultRowIds).next();
}

/**
 * The store whose statements (queryRows) all run on `session`, one connection of the pool: a holder
 * of a session lock writes through it, so a write that lands proves the lock was still held (a
 * session that ended took its locks with it and runs nothing more). Prisma calls, row ids and the
 * ledger's currencies are the original store's. For this package's modules.
 */
export function sessionStoreOf(store: Store, session: SqlTarget): Store {
  const held = Object.freeze({ usdCurrencies: store.usdCurrencies }) as Store;
  clients.set(held, clientOf(store));
  const ids = rowIdGenerators.get(store);
  if (ids !== undefined) rowIdGenerators.set(held, ids);
  sessions.set(held, session);
  return held;
}

/** The pg pool under a store on a PostgreSQL server (undefined on PGlite): for this package's modules. */
export function poolOf(store: Store): NonNullable<ReturnType<typeof pgPoolOf>> | undefined {
  return pools.get(store);
}

/** The Prisma client behind a store: for this package's modules only (the index does not export it). */
export function clientOf(store: Store): PrismaClient {
  const prisma = clients.get(store);
  if (prisma === undefined) throw new Error('not a store made by storeOf()');
  return prisma;
}
