import { describe, expect, it } from 'vitest';
import { splitSqlStatements } from '../src/sql/split-statements.js';

describe('splitSqlStatements', () => {
  it.each([
    ['plain statements', 'SELECT 1;\nSELECT 2;', ['SELECT 1', 'SELECT 2']],
    ['no final semicolon', 'SELECT 1', ['SELECT 1']],
    ['a semicolon in a string', "INSERT INTO t VALUES ('a;b');", ["INSERT INTO t VALUES ('a;b')"]],
    ['a doubled quote', "SELECT 'it''s; fine';", ["SELECT 'it''s; fine'"]],
    ['an E-string escape', "SELECT E'\\'; still';", ["SELECT E'\\'; still'"]],
    ['a quoted identifier', 'CREATE TABLE "a;b" (id int);', ['CREATE TABLE "a;b" (id int)']],
    [
      'a dollar-quoted body',
      'CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;',
      ['CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql'],
    ],
    ['a positional parameter is not a dollar quote', 'SELECT $1; SELECT 2;', ['SELECT $1', 'SELECT 2']],
    ['comments only', '-- nothing;\n/* at; all */\n', []],
    ['nested block comments', 'SELECT /* a /* b; */ c; */ 1;', ['SELECT /* a /* b; */ c; */ 1']],
    [
      'a leading comment is not part of the statement',
      '-- CreateTable\nCREATE TABLE t (id int);',
      ['CREATE TABLE t (id int)'],
    ],
  ])('when the script has %s then it is split at top-level semicolons only', (_case, script, expected) => {
    expect(splitSqlStatements(script).map((statement) => statement.text)).toEqual(expected);
  });

  it('when statements start on later lines then each carries its starting line', () => {
    const script = '-- one\nSELECT 1;\n\n-- two\nSELECT\n  2;\n';

    expect(splitSqlStatements(script)).toEqual([
      { text: 'SELECT 1', line: 2 },
      { text: 'SELECT\n  2', line: 5 },
    ]);
  });
});
