import {
  bareWordProblem,
  type JsonSyntaxProblem,
  placeholderProblem,
  problemAt,
  slashProblem,
  unexpectedCharacter,
} from './json-problems.js';

/** A JSON value as alerts are read: numbers keep their source text, so `65000.12` stays exact. */
export type JsonValue = string | boolean | null | readonly JsonValue[] | JsonObject;

/** A JSON object as alerts are read. */
export type JsonObject = { readonly [key: string]: JsonValue };

/** The parsed value, or where and why the text is not JSON. */
export type JsonReadResult =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly problem: JsonSyntaxProblem };

// Deeper nesting than any alert template needs; the limit keeps recursion bounded on hostile input.
const MAX_DEPTH = 32;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD_CHARACTER = /[A-Za-z0-9_.:$@#%!+-]/;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class JsonSyntaxError extends Error {
  constructor(readonly problem: JsonSyntaxProblem) {
    super(problem.problem);
  }
}

/**
 * Strict JSON (RFC 8259) with diagnoses for the mistakes found in real TradingView templates:
 * unquoted placeholders, `//` comments, trailing commas, single or typographic quotes. Written by
 * hand rather than with JSON.parse because JSON.parse turns 0.1 into a float and its error messages
 * differ between Node versions and never say why. Duplicate field names are refused.
 */
export function readJson(text: string): JsonReadResult {
  try {
    const reader = new JsonTextReader(text);
    return { ok: true, value: reader.document() };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, problem: error.problem };
    throw error;
  }
}

class JsonTextReader {
  #position = 0;
  #depth = 0;
  /** The field whose value is being read: named in hints, and never echoed when it holds a secret. */
  #field: string | undefined;

  constructor(readonly text: string) {}

  document(): JsonValue {
    if (this.text.charCodeAt(0) === 0xfeff) this.#position = 1; // a byte-order mark some editors add
    const value = this.#value();
    this.#skipSpace();
    if (this.#position < this.text.length) {
      if (this.text[this.#position] === '/') this.#fail(slashProblem(this.text, this.#position));
      this.#fail(
        problemAt(
          this.text,
          this.#position,
          'unexpected text after the end of the JSON',
          'the message must hold exactly one JSON object',
        ),
      );
    }
    return value;
  }

  #fail(problem: JsonSyntaxProblem): never {
    throw new JsonSyntaxError(problem);
  }

  #skipSpace(): void {
    while (this.#position < this.text.length) {
      const character = this.text[this.#position];
      if (character !== ' ' && character !== '\t' && character !== '\n' && character !== '\r') return;
      this.#position += 1;
    }
  }

  #value(): JsonValue {
    this.#skipSpace();
    const character = this.text[this.#position];
    if (character === undefined) {
      this.#fail(problemAt(this.text, this.#position, 'the JSON ends where a value was expected'));
    }
    if (character === '{') {
      if (this.text.startsWith('{{', this.#position))
        this.#fail(placeholderProblem(this.text, this.#position));
      return this.#nested(() => this.#object());
    }
    if (character === '[') return this.#nested(() => this.#array());
    if (character === '"') return this.#string();
    if (character === '-' || (character >= '0' && character <= '9')) return this.#number();
    if (character === '/') this.#fail(slashProblem(this.text, this.#position));
    return this.#word();
  }

  #nested<T>(read: () => T): T {
    if (++this.#depth > MAX_DEPTH) {
      this.#fail(problemAt(this.text, this.#position, `the JSON is nested deeper than ${MAX_DEPTH} levels`));
    }
    const value = read();
    this.#depth -= 1;
    return value;
  }

  #object(): JsonObject {
    this.#position += 1;
    const entries: Array<[string, JsonValue]> = [];
    const seen = new Set<string>();
    let lastComma = -1;
    for (;;) {
      this.#skipSpace();
      const at = this.#position;
      const character = this.text[at];
      if (character === '}') {
        if (lastComma >= 0) this.#fail(trailingComma(this.text, lastComma, '}'));
        this.#position += 1;
        return Object.fromEntries(entries);
      }
      if (character !== '"') this.#fail(this.#unexpected(at, 'a field name in double quotes'));
      const key = this.#string();
      this.#skipSpace();
      if (this.text[this.#position] !== ':') {
        this.#fail(this.#unexpected(this.#position, `":" after the field name "${key}"`));
      }
      this.#position += 1;
      this.#field = key;
      const value = this.#value();
      this.#field = undefined;
      if (seen.has(key)) {
        this.#fail(problemAt(this.text, at, `the field "${key}" appears twice`, 'keep only one of them'));
      }
      seen.add(key);
      entries.push([key, value]);
      this.#skipSpace();
      const next = this.text[this.#position];
      if (next === '}') {
        this.#position += 1;
        return Object.fromEntries(entries);
      }
      if (next !== ',') {
        const hint = next === '"' ? 'a comma is missing between two fields' : undefined;
        this.#fail(this.#unexpected(this.#position, `"," or "}" after the value of "${key}"`, hint));
      }
      lastComma = this.#position;
      this.#position += 1;
    }
  }

  #array(): JsonValue[] {
    this.#position += 1;
    const items: JsonValue[] = [];
    this.#skipSpace();
    if (this.text[this.#position] === ']') {
      this.#position += 1;
      return items;
    }
    let lastComma = -1;
    for (;;) {
      this.#skipSpace();
      if (this.text[this.#position] === ']' && lastComma >= 0) {
        this.#fail(trailingComma(this.text, lastComma, ']'));
      }
      items.push(this.#value());
      this.#skipSpace();
      const next = this.text[this.#position];
      if (next === ']') {
        this.#position += 1;
        return items;
      }
      if (next !== ',') this.#fail(this.#unexpected(this.#position, '"," or "]" in a list'));
      lastComma = this.#position;
      this.#position += 1;
    }
  }

  #string(): string {
    const start = this.#position;
    this.#position += 1;
    let result = '';
    let chunkStart = this.#position;
    for (;;) {
      const character = this.text[this.#position];
      if (character === undefined || character === '\n' || character === '\r') {
        this.#fail(
          problemAt(
            this.text,
            start,
            'this string has no closing double quote',
            'close it with " on the same line',
          ),
        );
      }
      if (character === '"') break;
      if (character === '\\') {
        result += this.text.slice(chunkStart, this.#position) + this.#escape();
        chunkStart = this.#position;
        continue;
      }
      if (character < ' ') {
        this.#fail(
          problemAt(this.text, this.#position, 'a control character (such as a tab) inside a string'),
        );
      }
      this.#position += 1;
    }
    result += this.text.slice(chunkStart, this.#position);
    this.#position += 1;
    return result;
  }

  #escape(): string {
    const at = this.#position;
    const letter = this.text[at + 1] ?? '';
    const simple = ESCAPES[letter];
    if (simple !== undefined) {
      this.#position += 2;
      return simple;
    }
    const hex = this.text.slice(at + 2, at + 6);
    if (letter === 'u' && /^[0-9A-Fa-f]{4}$/.test(hex)) {
      this.#position += 6;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    this.#fail(problemAt(this.text, at, 'an invalid escape after a backslash', 'write a backslash as \\\\'));
  }

  #number(): string | boolean | null {
    NUMBER.lastIndex = this.#position;
    const match = NUMBER.exec(this.text);
    const end = this.#position + (match?.[0].length ?? 0);
    // 1INCHUSD or 65000abc: not a number but a bare word that starts with digits.
    if (match === null || WORD_CHARACTER.test(this.text[end] ?? ' ')) return this.#word();
    this.#position = end;
    return match[0];
  }

  #word(): boolean | null {
    const start = this.#position;
    let end = start;
    while (end < this.text.length && WORD_CHARACTER.test(this.text[end] ?? '')) end += 1;
    const word = this.text.slice(start, end);
    if (word === 'true' || word === 'false' || word === 'null') {
      this.#position = end;
      return word === 'null' ? null : word === 'true';
    }
    if (word === '') this.#fail(this.#unexpected(start, 'a value'));
    this.#fail(bareWordProblem(this.text, start, word, this.#field));
  }

  #unexpected(at: number, expected: string, hint?: string): JsonSyntaxProblem {
    if (this.text[at] === '/') return slashProblem(this.text, at);
    if (this.text.startsWith('{{', at)) return placeholderProblem(this.text, at);
    return unexpectedCharacter(this.text, at, expected, hint);
  }
}

function trailingComma(text: string, commaAt: number, closer: string): JsonSyntaxProblem {
  return problemAt(
    text,
    commaAt,
    `a trailing comma before "${closer}"`,
    'JSON does not allow a comma after the last item: delete it',
  );
}
