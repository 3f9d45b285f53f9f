/** One statement of a SQL script and the line it starts on (1-based), for error messages. */
export interface SqlStatement {
  readonly text: string;
  readonly line: number;
}

const identifierChar = /[A-Za-z0-9_]/;
const dollarTag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;

/**
 * Splits a PostgreSQL script on top-level semicolons, so a failing migration can name the statement
 * that failed. Understands '…' (with '' and E'\…' escapes), "…", $tag$…$tag$, -- and nested block
 * comments. Leading comments and blank lines are not part of a statement; comment-only parts are dropped.
 * Not understood: SQL-standard `BEGIN ATOMIC … END` bodies (write such functions with $$ quoting).
 */
export function splitSqlStatements(script: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let start = -1;
  let index = 0;
  const flush = (end: number) => {
    if (start >= 0) {
      const text = script.slice(start, end).trim();
      if (text) statements.push({ text, line: lineAt(script, start) });
    }
    start = -1;
  };
  while (index < script.length) {
    const char = script[index] ?? '';
    const next = script[index + 1] ?? '';
    if (char === '-' && next === '-') {
      index = endOfLineComment(script, index);
    } else if (char === '/' && next === '*') {
      index = endOfBlockComment(script, index);
    } else if (/\s/.test(char)) {
      index += 1;
    } else if (char === ';') {
      flush(index);
      index += 1;
    } else {
      if (start < 0) start = index;
      index = endOfToken(script, index);
    }
  }
  flush(script.length);
  return statements;
}

/** Index just past the quoted literal, identifier or dollar-quoted body at `index`, or past one character. */
function endOfToken(script: string, index: number): number {
  const char = script[index];
  if (char === "'") return endOfQuoted(script, index, "'", isEscapeString(script, index));
  if (char === '"') return endOfQuoted(script, index, '"', false);
  if (char === '$' && !identifierChar.test(script[index - 1] ?? '')) {
    const tag = dollarTag.exec(script.slice(index))?.[0];
    if (tag) {
      const close = script.indexOf(tag, index + tag.length);
      return close < 0 ? script.length : close + tag.length;
    }
  }
  return index + 1;
}

/** Whether the quote at `index` opens an E'…' string, where backslash escapes the next character. */
function isEscapeString(script: string, index: number): boolean {
  const prefix = script[index - 1] ?? '';
  return (prefix === 'E' || prefix === 'e') && !identifierChar.test(script[index - 2] ?? '');
}

function endOfQuoted(script: string, index: number, quote: string, backslashEscapes: boolean): number {
  let position = index + 1;
  while (position < script.length) {
    const char = script[position];
    if (backslashEscapes && char === '\\') {
      position += 2;
    } else if (char === quote) {
      // A doubled quote is an escaped quote inside the literal.
      if (script[position + 1] !== quote) return position + 1;
      position += 2;
    } else {
      position += 1;
    }
  }
  return script.length;
}

function endOfLineComment(script: string, index: number): number {
  const newline = script.indexOf('\n', index);
  return newline < 0 ? script.length : newline + 1;
}

/** PostgreSQL block comments nest. */
function endOfBlockComment(script: string, index: number): number {
  let depth = 0;
  let position = index;
  while (position < script.length) {
    if (script.startsWith('/*', position)) {
      depth += 1;
      position += 2;
    } else if (script.startsWith('*/', position)) {
      depth -= 1;
      position += 2;
      if (depth === 0) return position;
    } else {
      position += 1;
    }
  }
  return script.length;
}

function lineAt(script: string, index: number): number {
  let line = 1;
  for (let position = 0; position < index; position += 1) if (script[position] === '\n') line += 1;
  return line;
}
