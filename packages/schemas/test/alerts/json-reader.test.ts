import { describe, expect, it } from 'vitest';
import { readJson } from '../../src/alerts/json-reader.js';

describe('readJson', () => {
  it('when the JSON is valid then numbers keep their source text and strings are unescaped', () => {
    const result = readJson(
      '\uFEFF{"price": 0.1000000000000000055511151231257827, "n": -1.5e-8, "s": "a\\"b\\u00e9\\n", "ok": true, "x": null, "list": [1, {"a": []}]}',
    );

    expect(result).toEqual({
      ok: true,
      value: {
        price: '0.1000000000000000055511151231257827',
        n: '-1.5e-8',
        s: 'a"bé\n',
        ok: true,
        x: null,
        list: ['1', { a: [] }],
      },
    });
  });

  it('when a field is named __proto__ then it stays a plain field', () => {
    const result = readJson('{"__proto__": {"polluted": "yes"}}');

    expect(result.ok && Object.hasOwn(result.value as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    [
      '{\n  "ticker": {{ticker}}\n}',
      2,
      13,
      /unquoted placeholder \{\{ticker\}\}/,
      /double quotes \("\{\{ticker\}\}"\)/,
    ],
    ['{"ticker": BTCUSD}', 1, 12, /unquoted text "BTCUSD"/, /"ticker": "\{\{ticker\}\}"/],
    ['{"action": sell}', 1, 12, /unquoted text "sell"/, /"action": "\{\{strategy\.order\.action\}\}"/],
    ['{"ticker": 1INCHUSD}', 1, 12, /unquoted text "1INCHUSD"/, /double quotes/],
    ['{"price": NaN}', 1, 11, /NaN is not a JSON value/, /TradingView writes NaN/],
    ['{"a": "b", // note\n"c": 1}', 1, 12, /a \/\/ comment/, /JSON has no comments/],
    ['{"a": "b" /* note */}', 1, 11, /a \/\* \*\/ comment/, /delete the comment/],
    ['{"a": "b",\n}', 1, 10, /trailing comma before "}"/, /delete it/],
    ['{"a": [1, 2, ]}', 1, 12, /trailing comma before "]"/, /delete it/],
    ["{'a': 'b'}", 1, 2, /a single quote/, /double quotes/],
    ['{\u201ca\u201d: 1}', 1, 2, /a typographic quote/, /straight double quotes/],
    ['{a: 1}', 1, 2, /field name without double quotes/, /"ticker": …/],
    ['{"a": 1 "b": 2}', 1, 9, /expected "," or "}" after the value of "a"/, /a comma is missing/],
    ['{"a": "b', 1, 7, /no closing double quote/, /close it/],
    ['{"a": 1', 1, 8, /the JSON ends early/, /closing \}/],
    ['{"a": 1}\n{"b": 2}', 2, 1, /unexpected text after the end/, /exactly one JSON object/],
    ['{"a": 1, "a": 2}', 1, 10, /the field "a" appears twice/, /keep only one/],
    ['{"a": "\\x"}', 1, 8, /invalid escape/, /backslash/],
  ])('when the body is %j then the problem is at line %i, column %i', (text, line, column, problem, hint) => {
    const result = readJson(text);

    if (result.ok) throw new Error('expected a problem');
    expect(result.problem).toMatchObject({ line, column });
    expect(result.problem.problem).toMatch(problem);
    expect(result.problem.hint).toMatch(hint);
  });

  it.each([
    ['passphrase', '{"passphrase": hunter2hunter2}'],
    ['key', '{"ticker": "BTCUSD", "key": s3cr3t-value}'],
  ])('when the %s value is unquoted then the problem does not repeat it', (_field, text) => {
    const result = readJson(text);

    if (result.ok) throw new Error('expected a problem');
    expect(JSON.stringify(result.problem)).not.toMatch(/hunter2|s3cr3t/);
    expect(result.problem.problem).toMatch(/is not in double quotes/);
  });

  it('when nesting is deeper than 32 levels then it is refused rather than recursed', () => {
    const result = readJson(`${'['.repeat(40)}${']'.repeat(40)}`);

    expect(result.ok).toBe(false);
  });
});
