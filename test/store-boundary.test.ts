// The apps reach the database only through @hookline/store: no Prisma client, no SQL, no ledger-store
// call under apps/*/src. Opening and administering the database (migrate, drift check, create a
// migration) is not a query and stays allowed. A failure names the file, the line and what it found.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What @hookline/db may give an app: opening, migrating and checking the database, never a query. */
const ADMINISTRATION = new Set([
  'Database',
  'DatabaseLocation',
  'openDatabase',
  // A migrated throwaway database in memory (backtest, replay): opening, not a query.
  'openMemoryDatabase',
  'migrateDatabase',
  'MigrationError',
  'checkDrift',
  'createMigration',
  'pgliteDirectory',
  // Who holds the embedded database (its lock): about opening it, not a query.
  'EmbeddedDatabaseInUseError',
  'embeddedDatabaseHolder',
  'LockHolder',
]);

const FORBIDDEN: ReadonlyArray<{ readonly what: string; readonly pattern: RegExp }> = [
  { what: 'raw SQL through Prisma', pattern: /\$(queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe)\b/ },
  { what: 'a Prisma transaction', pattern: /\$transaction\b/ },
  { what: 'a Prisma client extension', pattern: /\$extends\b/ },
  { what: 'a Prisma client', pattern: /\bprisma\s*[.?]/i },
  { what: 'a Prisma client', pattern: /(?<!schema)\.prisma\b/ },
  { what: 'a driver import', pattern: /from '(@prisma\/[^']+|pg|@electric-sql\/pglite)'/ },
  { what: 'the ledger persistence (use @hookline/store)', pattern: /from '@hookline\/ledger-store'/ },
  {
    what: 'SQL text',
    pattern: /\b(SELECT\s+[\w*"(]|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+"?\w+"?\s+SET|TRUNCATE\s+)/,
  },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function appSources(): string[] {
  const apps = readdirSync(join(root, 'apps'), { withFileTypes: true }).filter((entry) =>
    entry.isDirectory(),
  );
  return apps.flatMap((app) => sourceFiles(join(root, 'apps', app.name, 'src')));
}

/** Every use of the database outside the store in one file, as `file:line: what`. */
function boundaryViolations(path: string, text: string): string[] {
  const file = relative(root, path);
  const found: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
    for (const rule of FORBIDDEN) {
      if (rule.pattern.test(code)) found.push(`${file}:${index + 1}: ${rule.what}: ${line.trim()}`);
    }
  });
  for (const match of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'@hookline\/db'/g)) {
    const names = (match[2] ?? '')
      .split(',')
      .map(
        (name) =>
          name
            .replace(/^\s*type\s+/, '')
            .trim()
            .split(/\s+as\s+/)[0] ?? '',
      )
      .filter((name) => name.length > 0);
    const line = text.slice(0, match.index).split('\n').length;
    for (const name of names.filter((candidate) => !ADMINISTRATION.has(candidate))) {
      found.push(
        `${file}:${line}: imports ${name} from @hookline/db (database access belongs in @hookline/store)`,
      );
    }
  }
  return found;
}

describe('the store boundary', () => {
  it('when the apps are scanned then no source file reaches Prisma or SQL outside @hookline/store', () => {
    const violations = appSources().flatMap((path) => boundaryViolations(path, readFileSync(path, 'utf8')));

    expect(violations).toEqual([]);
  });

  it('when the apps are scanned then the scan covers every app, so it is not vacuous', () => {
    const files = appSources().map((path) => relative(root, path));

    for (const app of ['apps/webhook/src/', 'apps/sighook/src/', 'apps/cli/src/']) {
      expect(files.some((file) => file.startsWith(app))).toBe(true);
    }
  });

  it.each([
    ['a raw query', 'const rows = await prisma.$queryRaw`SELECT 1`;'],
    ['a Prisma model call', 'await this.#prisma.tradeRecord.findMany({});'],
    ['a transaction', 'await client.$transaction([a, b]);'],
    ['the client of an open database', 'const client = database.prisma;'],
    ['a row type import', "import type { TradeRecord } from '@hookline/db';"],
    ['SQL in a string', "const sql = 'DELETE FROM decisions WHERE 1=1';"],
    ['a ledger-store call', "import { recordFills } from '@hookline/ledger-store';"],
  ])('when a file contains %s then it is reported with its line', (_what, line) => {
    const violations = boundaryViolations(join(root, 'apps/webhook/src/example.ts'), `// header\n${line}\n`);

    expect(violations.length).toBeGreaterThan(0);
    expect(violations[0]).toMatch(/^apps\/webhook\/src\/example\.ts:2: /);
  });

  it('when a file only opens and migrates the database then nothing is reported', () => {
    const text = "import { type Database, migrateDatabase, openDatabase } from '@hookline/db';\n";

    expect(boundaryViolations(join(root, 'apps/cli/src/example.ts'), text)).toEqual([]);
  });
});

describe('one open-positions query', () => {
  it('when the store and the apps are scanned then only positions/open-positions.ts computes open lots', () => {
    const files = [...appSources(), ...sourceFiles(join(root, 'packages/store/src'))];
    const computing = files
      .filter((path) =>
        /open_lots|remaining_size\s*\)|allocated_size,\s*0\)/.test(readFileSync(path, 'utf8')),
      )
      .map((path) => relative(root, path));

    expect(computing).toEqual(['packages/store/src/positions/open-positions.ts']);
  });
});
