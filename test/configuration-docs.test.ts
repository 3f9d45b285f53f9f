// docs/configuration.md against the configuration schema, both ways. Everything the schema says is
// derived from CONFIG_KEYS and SECRET_KEYS in @hookline/schemas at run time (no list of keys here):
// its keys, defaults and secrets directly; the allowed values of an enum from the zod schema's
// options; integer bounds and booleans by asking the schema to parse probe values.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_KEYS, type ConfigKey, SECRET_KEYS } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

const DOC = 'docs/configuration.md';
/** The header row that marks a table of keys in the doc. */
const KEY_TABLE_HEADER = /^\|\s*key\s*\|\s*type\s*\|\s*default\s*\|\s*meaning\s*\|\s*$/;
/** A `HOOKLINE_…` name in running text (not the bare prefix, not a `HOOKLINE_MATRIX_*` family). */
const HOOKLINE_NAME = /\bHOOKLINE_[A-Z0-9_]*[A-Z0-9](?![A-Z0-9_*])/g;

const schemaKeys = CONFIG_KEYS as Readonly<Record<string, ConfigKey>>;
const schemaKeyNames = Object.keys(schemaKeys);

/** One row of a key table: the key, its three other cells, and the line it is on. */
interface DocumentedKey {
  readonly key: string;
  readonly type: string;
  readonly defaultCell: string;
  readonly line: number;
}

/** The rows of every key table; a row that does not have the expected shape is a problem. */
function documentedKeys(text: string): { rows: DocumentedKey[]; problems: string[] } {
  const rows: DocumentedKey[] = [];
  const problems: string[] = [];
  const lines = text.split('\n');
  let inTable = false;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (KEY_TABLE_HEADER.test(line)) {
      inTable = true;
      return;
    }
    if (!inTable) return;
    if (!line.startsWith('|')) {
      inTable = false;
      return;
    }
    if (/^\|[\s|:-]+\|$/.test(line)) return; // the separator row
    const cells = line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim());
    const [keyCell = '', type = '', defaultCell = ''] = cells;
    const key = /^`([A-Z][A-Z0-9_]*)`$/.exec(keyCell)?.[1];
    if (cells.length !== 4 || key === undefined) {
      problems.push(`${DOC} line ${index + 1}: expected | \`KEY\` | type | default | meaning |, got ${line}`);
      return;
    }
    rows.push({ key, type, defaultCell, line: index + 1 });
  });
  return { rows, problems };
}

/** The default a cell documents: `(unset)` → undefined, `(empty)` → '', `` `value` `` → value. */
function documentedDefault(cell: string): { value: string | undefined } | { problem: string } {
  if (cell === '(unset)') return { value: undefined };
  if (cell === '(empty)') return { value: '' };
  const code = /^`([^`]+)`$/.exec(cell)?.[1];
  return code === undefined ? { problem: `unreadable default cell ${cell}` } : { value: code };
}

const describeDefault = (value: string | undefined): string =>
  value === undefined ? '(unset)' : value === '' ? '(empty)' : `\`${value}\``;

/** The schema's allowed values when the key is an enum, else undefined. */
function enumOptions(name: string): readonly string[] | undefined {
  const options = (schemaKeys[name]?.schema as { options?: unknown } | undefined)?.options;
  return Array.isArray(options) && options.every((option) => typeof option === 'string')
    ? options
    : undefined;
}

/** What the key's schema makes of a text (its output when valid). */
function parsed(name: string, text: string): { ok: boolean; value: unknown } {
  const result = schemaKeys[name]?.schema.safeParse(text);
  return { ok: result?.success === true, value: result?.data };
}

/** A key whose schema produces a whole number (probed with its default, or 1 without one). */
function isIntegerKey(name: string): boolean {
  return typeof parsed(name, schemaKeys[name]?.default ?? '1').value === 'number';
}

/** A key whose schema reads true/false (probed with `yes` and `no`). */
function isBooleanKey(name: string): boolean {
  return parsed(name, 'yes').value === true && parsed(name, 'no').value === false;
}

const doc = read(DOC);
const { rows, problems: rowProblems } = documentedKeys(doc);
const rowsByKey = new Map(rows.map((row) => [row.key, row]));

describe('docs/configuration.md', () => {
  it('when the doc has key tables, then every row reads as | `KEY` | type | default | meaning |', () => {
    expect(rows.length, `${DOC} has no "| key | type | default | meaning |" table`).toBeGreaterThan(0);
    expect(rowProblems, `malformed rows in the key tables: ${rowProblems.join('; ')}`).toEqual([]);
  });

  it('when the schema accepts a key, then the doc documents it', () => {
    const missing = schemaKeyNames.filter((name) => !rowsByKey.has(name));
    expect(missing, `keys the schema accepts but ${DOC} does not document: ${missing.join(', ')}`).toEqual(
      [],
    );
  });

  it('when the doc documents a key, then the schema accepts it, and it is documented once', () => {
    const extra = rows
      .filter((row) => !(row.key in schemaKeys))
      .map((row) => `${row.key} (line ${row.line})`);
    expect(extra, `keys in ${DOC} that the schema does not accept: ${extra.join(', ')}`).toEqual([]);
    const twice = rows.filter((row, index) => rows.findIndex((other) => other.key === row.key) !== index);
    const names = twice.map((row) => `${row.key} (line ${row.line})`);
    expect(names, `keys documented more than once in ${DOC}: ${names.join(', ')}`).toEqual([]);
  });

  it("when a key is documented, then its documented default is the schema's default", () => {
    const wrong: string[] = [];
    for (const row of rows) {
      const spec = schemaKeys[row.key];
      if (spec === undefined) continue;
      const documented = documentedDefault(row.defaultCell);
      if ('problem' in documented) wrong.push(`${row.key}: ${documented.problem}`);
      else if (documented.value !== spec.default) {
        wrong.push(
          `${row.key}: documented ${describeDefault(documented.value)}, schema ${describeDefault(spec.default)}`,
        );
      }
    }
    expect(wrong, `wrong defaults in ${DOC}: ${wrong.join('; ')}`).toEqual([]);
  });

  it('when a key takes one of a fixed set of values, then the doc lists exactly that set', () => {
    const wrong: string[] = [];
    for (const row of rows) {
      const options = enumOptions(row.key);
      const listed = /^one of (.*)$/.exec(row.type)?.[1];
      if (options === undefined && listed === undefined) continue;
      if (options === undefined) {
        wrong.push(`${row.key}: documented as "one of …" but the schema takes any value of its type`);
        continue;
      }
      const documented = [...(listed ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]);
      const same = (list: readonly (string | undefined)[]) => [...list].sort().join(',');
      if (listed === undefined || same(documented) !== same(options)) {
        wrong.push(`${row.key}: documented ${listed ?? row.type}, schema one of ${options.join(', ')}`);
      }
    }
    expect(wrong, `wrong allowed values in ${DOC}: ${wrong.join('; ')}`).toEqual([]);
  });

  it("when a key is a whole number, then the doc gives the schema's exact range", () => {
    const wrong: string[] = [];
    for (const row of rows) {
      if (!(row.key in schemaKeys)) continue;
      const range = /^integer, (-?\d+) to (-?\d+)$/.exec(row.type);
      const integer = isIntegerKey(row.key);
      if (!integer && range === null) continue;
      if (range === null) {
        wrong.push(`${row.key}: the schema takes a whole number, the type should read "integer, MIN to MAX"`);
        continue;
      }
      const [min, max] = [Number(range[1]), Number(range[2])];
      const accepts = (n: number) => parsed(row.key, String(n)).ok;
      if (!integer || !accepts(min) || !accepts(max) || accepts(min - 1) || accepts(max + 1)) {
        wrong.push(`${row.key}: documented range ${min} to ${max} is not what the schema accepts`);
      }
    }
    expect(wrong, `wrong integer ranges in ${DOC}: ${wrong.join('; ')}`).toEqual([]);
  });

  it('when a key is a boolean, then the doc says boolean (and only then)', () => {
    const wrong = rows
      .filter((row) => row.key in schemaKeys && isBooleanKey(row.key) !== row.type.startsWith('boolean'))
      .map((row) => `${row.key}: type "${row.type}"`);
    expect(wrong, `wrong boolean types in ${DOC}: ${wrong.join(', ')}`).toEqual([]);
  });

  it('when a key is secret, then its type says secret (and only then)', () => {
    const secrets = new Set<string>(SECRET_KEYS);
    const wrong = rows
      .filter((row) => secrets.has(row.key) !== /\bsecret\b/.test(row.type))
      .map((row) => `${row.key} (${secrets.has(row.key) ? 'secret, not marked' : 'marked secret, is not'})`);
    expect(wrong, `wrong secret markers in ${DOC}: ${wrong.join(', ')}`).toEqual([]);
  });

  it('when any doc names a HOOKLINE_ key, then the schema accepts it or it is a docker-compose variable', () => {
    const composeVariables = new Set(
      [...read('docker-compose.yml').matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map(
        (match) => match[1],
      ),
    );
    const docs = readdirSync(join(root, 'docs')).filter((file) => file.endsWith('.md'));
    const unknown = docs.flatMap((file) =>
      [...read(join('docs', file)).matchAll(HOOKLINE_NAME)]
        .map((match) => match[0])
        .filter((name) => !(name in schemaKeys) && !composeVariables.has(name))
        .map((name) => `${name} (docs/${file})`),
    );
    expect([...new Set(unknown)], `names that are no configuration key: ${unknown.join(', ')}`).toEqual([]);
  });
});

describe('.env.example', () => {
  const example = read('.env.example');

  it('when it sets a key, then the schema accepts that key', () => {
    const assigned = [...example.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((match) => match[1] ?? '');
    const unknown = assigned.filter((name) => !(name in schemaKeys));
    expect(assigned.length).toBeGreaterThan(0);
    expect(unknown, `.env.example sets keys the schema does not accept: ${unknown.join(', ')}`).toEqual([]);
  });

  it('when it mentions a HOOKLINE_ key in a comment, then the schema accepts that key', () => {
    const unknown = [...example.matchAll(HOOKLINE_NAME)]
      .map((match) => match[0])
      .filter((name) => !(name in schemaKeys));
    expect(unknown, `.env.example mentions keys the schema does not accept: ${unknown.join(', ')}`).toEqual(
      [],
    );
  });
});
