import { isSecretField } from './alert-secrets.js';

/** Where and why a body is not JSON, with a hint that says how to fix it. */
export interface JsonSyntaxProblem {
  /** 1-based line and column of the offending character. */
  readonly line: number;
  readonly column: number;
  /** 0-based character offset in the body. */
  readonly offset: number;
  readonly problem: string;
  readonly hint?: string | undefined;
}

// The placeholder users mean for the common fields, so a hint can show the exact fix.
const PLACEHOLDER_FOR_FIELD: Readonly<Record<string, string>> = {
  ticker: '{{ticker}}',
  exchange: '{{exchange}}',
  action: '{{strategy.order.action}}',
  order_action: '{{strategy.order.action}}',
  market_position: '{{strategy.market_position}}',
  prev_market_position: '{{strategy.prev_market_position}}',
  order_id: '{{strategy.order.id}}',
  id: '{{strategy.order.id}}',
  time: '{{timenow}}',
  price: '{{close}}',
  interval: '{{interval}}',
};

const SHOWN_TEXT_LIMIT = 40;

/** A problem at a character offset, with its line and column worked out. */
export function problemAt(text: string, offset: number, problem: string, hint?: string): JsonSyntaxProblem {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column, offset, problem, hint };
}

/** The one-line message users see: position, problem, and the hint. */
export function formatJsonProblem(problem: JsonSyntaxProblem): string {
  const hint = problem.hint ? `. Hint: ${problem.hint}` : '';
  return `invalid JSON at line ${problem.line}, column ${problem.column}: ${problem.problem}${hint}`;
}

/** `{{ticker}}` arrived as written: unquoted, and TradingView did not replace it. */
export function placeholderProblem(text: string, offset: number): JsonSyntaxProblem {
  const end = text.indexOf('}}', offset);
  const placeholder = end < 0 ? '{{' : text.slice(offset, Math.min(end + 2, offset + SHOWN_TEXT_LIMIT));
  return problemAt(
    text,
    offset,
    `an unquoted placeholder ${placeholder}`,
    `put it in double quotes ("${placeholder}"): TradingView replaces text placeholders with bare words ` +
      'such as BTCUSD, which JSON accepts only in quotes. It also arrived unreplaced, so check its spelling',
  );
}

/** A bare word where a value belongs: almost always a text placeholder written without quotes. */
export function bareWordProblem(
  text: string,
  offset: number,
  word: string,
  field: string | undefined,
): JsonSyntaxProblem {
  if (field !== undefined && isSecretField(field)) {
    // Never echo what may be the passphrase: messages are stored and returned to the sender.
    return problemAt(
      text,
      offset,
      `the value of "${field}" is not in double quotes`,
      `write "${field}": "your passphrase"`,
    );
  }
  if (/^-?(NaN|Infinity)$/.test(word)) {
    return problemAt(
      text,
      offset,
      `${word} is not a JSON value`,
      'TradingView writes NaN when a value does not exist (for example {{strategy.order.price}} in an ' +
        'alert() call); leave the field out or use another placeholder',
    );
  }
  const placeholder = field === undefined ? '{{ticker}}' : (PLACEHOLDER_FOR_FIELD[field] ?? '{{...}}');
  const example = field === undefined ? `"${placeholder}"` : `"${field}": "${placeholder}"`;
  return problemAt(
    text,
    offset,
    `unquoted text ${shown(word)} where a value was expected`,
    `a text placeholder must be in double quotes, e.g. ${example}; numbers such as {{close}} may stay unquoted`,
  );
}

/** A `/` outside a string: a `//` or block comment pasted into the JSON, or a stray slash. */
export function slashProblem(text: string, offset: number): JsonSyntaxProblem {
  const next = text[offset + 1];
  if (next === '/' || next === '*') {
    return problemAt(
      text,
      offset,
      `a ${next === '/' ? '//' : '/* */'} comment`,
      'JSON has no comments and TradingView sends the message exactly as written: delete the comment',
    );
  }
  return unexpectedCharacter(text, offset, 'a value');
}

/** Any other unexpected character, with hints for the look-alike quotes editors insert. */
export function unexpectedCharacter(
  text: string,
  offset: number,
  expected: string,
  hint?: string,
): JsonSyntaxProblem {
  const character = text[offset];
  if (character === undefined) {
    return problemAt(
      text,
      offset,
      `the JSON ends early: expected ${expected}`,
      'a closing } or ] is missing',
    );
  }
  if (character === "'") {
    return problemAt(text, offset, 'a single quote', 'JSON strings and field names use double quotes (")');
  }
  if ('\u201c\u201d\u2018\u2019'.includes(character)) {
    return problemAt(
      text,
      offset,
      `a typographic quote ${character}`,
      'use straight double quotes ("); word processors and chat apps replace them',
    );
  }
  if (/[A-Za-z_]/.test(character) && expected.startsWith('a field name')) {
    return problemAt(text, offset, 'a field name without double quotes', 'write "ticker": …, not ticker: …');
  }
  return problemAt(text, offset, `unexpected ${shown(character)}, expected ${expected}`, hint);
}

function shown(text: string): string {
  return text.length > SHOWN_TEXT_LIMIT
    ? `${JSON.stringify(text.slice(0, SHOWN_TEXT_LIMIT))}…`
    : JSON.stringify(text);
}
