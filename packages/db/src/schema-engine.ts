import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { DiffTarget, SchemaEngine } from '@prisma/schema-engine-wasm';
import type * as SchemaEngineGlue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationFile } from './migrations/migration-files.js';
import { migrationLockFileContent, migrationLockFileName } from './migrations/migration-files.js';
import { offlineAdapterFactory, pgliteShadowAdapterFactory } from './schema-engine-adapters.js';

// Why the WASM engine: the Prisma CLI's `migrate` commands need a native schema engine that is
// downloaded from binaries.prisma.sh, which the build machines cannot reach. The same engine is
// published on npm as WebAssembly (@prisma/schema-engine-wasm); its diff produces exactly the SQL
// `prisma migrate dev` would write.

let glueLoading: Promise<typeof SchemaEngineGlue> | undefined;

/** The part of the WebAssembly global used here (the project's TS lib settings do not declare it). */
interface WebAssemblyRuntime {
  instantiate(
    bytes: Uint8Array,
    imports: object,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyRuntime }).WebAssembly;

/**
 * Instantiates the engine's .wasm with its wasm-bindgen glue as the import object. The package's own
 * entry point does `import * as wasm from "./schema_engine_bg.wasm"`, which Node cannot load.
 */
function loadGlue(): Promise<typeof SchemaEngineGlue> {
  glueLoading ??= (async () => {
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue: typeof SchemaEngineGlue = await import(pathToFileURL(gluePath).href);
    const bytes = await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await webAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return glueLoading;
}

// The glue keeps one module-wide WASM instance; one engine at a time keeps its state simple.
let queue: Promise<unknown> = Promise.resolve();

async function withEngine<T>(
  schema: string,
  factory: SqlMigrationAwareDriverAdapterFactory,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const run = async () => {
    const glue = await loadGlue();
    const ignoreLogs = () => {};
    const engine = await glue.SchemaEngine.new(
      { datamodels: [['schema.prisma', schema]] },
      ignoreLogs,
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    try {
      return await work(engine);
    } finally {
      engine.free();
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => {});
  return result;
}

const noFilters = { externalTables: [], externalEnums: [] };

/** The engine's result as a migration.sql body: no leading blank lines, one trailing newline. */
function asScript(stdout: string | null): string {
  return `${(stdout ?? '').trim()}\n`;
}

/**
 * The SQL that takes a database from `fromSchema` (null: an empty database) to `toSchema`, both Prisma
 * schema texts. Needs no database.
 */
export async function diffSchemas(fromSchema: string | null, toSchema: string): Promise<string> {
  const from: DiffTarget =
    fromSchema === null
      ? { tag: 'empty' }
      : { tag: 'schemaDatamodel', files: [{ path: 'from.prisma', content: fromSchema }] };
  const to: DiffTarget = { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: toSchema }] };
  return withEngine(toSchema, offlineAdapterFactory(), async (engine) => {
    const result = await engine.diff({ from, to, script: true, exitCode: null, filters: noFilters });
    return asScript(result.stdout);
  });
}

/** A migration script and whether it changes anything. */
export interface MigrationDiff {
  readonly sql: string;
  readonly changed: boolean;
}

/**
 * The SQL that takes a database built by `migrations` to `toSchema`. The engine replays the
 * migrations into an in-memory PGlite shadow database and compares what they built with the schema.
 */
export async function diffMigrationsToSchema(
  migrationsDir: string,
  migrations: readonly MigrationFile[],
  toSchema: string,
): Promise<MigrationDiff> {
  const from: DiffTarget = {
    tag: 'migrations',
    baseDir: migrationsDir,
    lockfile: { path: migrationLockFileName, content: migrationLockFileContent },
    shadowDbInitScript: '',
    migrationDirectories: migrations.map((migration) => ({
      path: migration.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: migration.sql } },
    })),
  };
  const to: DiffTarget = { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: toSchema }] };
  const shadow = pgliteShadowAdapterFactory();
  try {
    return await withEngine(toSchema, shadow.factory, async (engine) => {
      // exitCode: true makes the engine answer 2 when the diff is not empty, 0 when it is.
      const result = await engine.diff({ from, to, script: true, exitCode: true, filters: noFilters });
      return { sql: asScript(result.stdout), changed: result.exitCode === 2 };
    });
  } finally {
    await shadow.close();
  }
}
