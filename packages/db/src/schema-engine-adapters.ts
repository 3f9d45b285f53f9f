import type { PGlite } from '@electric-sql/pglite';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlResultSet,
} from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { openMemoryPglite } from './pglite.js';

// ColumnTypeEnum values of @prisma/driver-adapter-utils (Int32, Boolean, Text).
const int32Column = 0;
const booleanColumn = 5;
const textColumn = 7;

/**
 * The WASM schema engine connects through its adapter as soon as it starts and asks one question:
 * does the schema exist, and which server version is it. A schema-to-schema diff needs nothing else,
 * so this adapter answers that probe (PostgreSQL 15, the oldest server Hookline supports) and refuses
 * every other query, which would mean the engine tried to read a database that is not there.
 */
function offlineAdapter(): SqlDriverAdapter {
  const refuse = (what: string) =>
    Promise.reject(new Error(`The offline schema-diff adapter has no database (engine tried ${what})`));
  return {
    provider: 'postgres',
    adapterName: 'hookline-offline-schema-diff',
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    queryRaw: async (query): Promise<SqlResultSet> => {
      if (!query.sql.includes('server_version_num')) return refuse(`the query ${query.sql}`);
      return {
        columnNames: ['exists', 'version', 'numeric_version'],
        columnTypes: [booleanColumn, textColumn, int32Column],
        rows: [[true, 'PostgreSQL 15.0', 150000]],
      };
    },
    executeRaw: (query) => refuse(`the statement ${query.sql}`),
    executeScript: () => refuse('a script'),
    startTransaction: () => refuse('a transaction'),
    dispose: async () => {},
  };
}

/** An adapter factory that needs no database: for diffs between Prisma schemas only. */
export function offlineAdapterFactory(): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: 'postgres',
    adapterName: 'hookline-offline-schema-diff',
    connect: async () => offlineAdapter(),
    connectToShadowDb: async () => offlineAdapter(),
  };
}

/** An adapter factory whose shadow databases are in-memory PGlites; close() shuts them down. */
export interface ShadowAdapterFactory {
  readonly factory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

/**
 * For diffs that start from the migrations folder: the engine replays the migrations into a shadow
 * database and reads its schema back, as `prisma migrate dev` does with a shadow database on a server.
 * Here the shadow is an in-memory PGlite, so this works offline and without a server. (The
 * pglite-prisma-adapter factory would also create shadows, but never closes them.)
 */
export function pgliteShadowAdapterFactory(): ShadowAdapterFactory {
  const shadows: PGlite[] = [];
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: 'hookline-pglite-shadow',
    connect: async () => offlineAdapter(),
    connectToShadowDb: async () => {
      const shadow = await openMemoryPglite();
      shadows.push(shadow);
      return new PrismaPGlite(shadow).connect();
    },
  };
  return {
    factory,
    close: async () => {
      for (const shadow of shadows.splice(0)) if (!shadow.closed) await shadow.close();
    },
  };
}
