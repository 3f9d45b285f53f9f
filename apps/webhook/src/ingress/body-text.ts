// What an alert body's bytes are as text, and what no text column can store. PostgreSQL's text and
// jsonb hold neither NUL nor a lone UTF-16 surrogate, so a body carrying one (as a raw byte, an
// invalid UTF-8 sequence, a JSON escape or a percent escape) is refused before anything of it reaches
// a column as text; its exact bytes are kept in a bytea column instead.

/** The body as text, and whether that text is the exact body. */
export interface BodyText {
  /** UTF-8 decoded; each byte that is no character, and each NUL, is U+FFFD. */
  readonly text: string;
  /** False when `text` is not the exact body (invalid UTF-8 or NUL): keep the bytes too. */
  readonly exact: boolean;
  /** What makes the body unreadable as text, for the 400 answer; undefined when it reads fine. */
  readonly problem: string | undefined;
}

const REPLACEMENT = '\uFFFD';

/** Reads bytes as the alert's text. */
export function bodyTextOf(bytes: Uint8Array): BodyText {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replaceAll('\0', REPLACEMENT);
  const invalidAt = firstInvalidUtf8(bytes);
  if (invalidAt !== undefined) {
    const byte = bytes[invalidAt]?.toString(16).toUpperCase().padStart(2, '0');
    const problem = `the body is not valid UTF-8: byte 0x${byte} at offset ${invalidAt} starts no character`;
    return { text, exact: false, problem };
  }
  const nulAt = bytes.indexOf(0);
  if (nulAt >= 0) {
    const problem = `the body holds a NUL byte at offset ${nulAt}, which no alert text may contain`;
    return { text, exact: false, problem };
  }
  return { text, exact: true, problem: undefined };
}

/**
 * The offset of the first byte that does not begin a well-formed UTF-8 sequence (RFC 3629: no
 * overlong forms, no surrogates U+D800–U+DFFF, nothing above U+10FFFF), or undefined.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    const length = sequenceLength(lead);
    if (length === 0) return index;
    // The allowed range of the second byte depends on the lead (this is what rules out overlong
    // forms, surrogates and code points past U+10FFFF); the others are 0x80–0xBF.
    const [low, high] =
      lead === 0xe0
        ? [0xa0, 0xbf]
        : lead === 0xed
          ? [0x80, 0x9f]
          : lead === 0xf0
            ? [0x90, 0xbf]
            : lead === 0xf4
              ? [0x80, 0x8f]
              : [0x80, 0xbf];
    for (let offset = 1; offset < length; offset += 1) {
      const byte = bytes[index + offset];
      const [min, max] = offset === 1 ? [low, high] : [0x80, 0xbf];
      if (byte === undefined || byte < min || byte > max) return index;
    }
    index += length;
  }
  return undefined;
}

function sequenceLength(lead: number): number {
  if (lead <= 0x7f) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Where a decoded body holds text no column can store — a NUL or a lone surrogate, from a JSON
 * escape (`\u0000`, `\ud800`) or a percent escape (`%00`) — in a field name or a string value at any
 * depth; the message names the field with such characters escaped. Undefined when there is none.
 */
export function unstorableTextIn(value: unknown, path: readonly string[] = []): string | undefined {
  if (typeof value === 'string') return problemOf(value, path, 'value');
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorableTextIn(item, [...path, String(index)]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = problemOf(key, [...path, key], 'name') ?? unstorableTextIn(item, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

function problemOf(text: string, path: readonly string[], part: 'name' | 'value'): string | undefined {
  const what = text.includes('\0')
    ? 'a NUL (\\u0000)'
    : LONE_SURROGATE.test(text)
      ? 'a lone surrogate (half of a UTF-16 pair, such as \\ud800), which is no character'
      : undefined;
  if (what === undefined) return undefined;
  // JSON.stringify writes NUL and lone surrogates as \u escapes, so the message itself is storable.
  const field = JSON.stringify(path.join('.'));
  return `the ${part === 'name' ? 'name of field' : 'field'} ${field} holds ${what}, which no alert text may contain`;
}
