/** The fields of a key=value body, or why it is not one. */
export type KeyValueReadResult =
  | { readonly ok: true; readonly fields: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly message: string };

const SEPARATORS = /[\s&]+/;

/**
 * Reads `action=buy ticker=BTCUSD price=65000` bodies: pairs separated by spaces, newlines or `&`,
 * names lower-cased. Values cannot contain spaces unless form-encoded (`%20` or `+`), which is decoded
 * when `formEncoded` (Content-Type application/x-www-form-urlencoded). A word without `=` or a name
 * given twice is refused rather than guessed at: the body places orders.
 */
export function readKeyValueText(text: string, options: { formEncoded: boolean }): KeyValueReadResult {
  const fields = new Map<string, string>(); // a Map, so a name like __proto__ stays a plain field
  const words = text.split(SEPARATORS).filter((word) => word.length > 0);
  if (words.length === 0) return { ok: false, message: 'the body is empty' };
  for (const [index, word] of words.entries()) {
    const equals = word.indexOf('=');
    // The word itself is not echoed: it may be a passphrase typed without its name.
    if (equals <= 0) return { ok: false, message: `word ${index + 1} of the body is not name=value` };
    const name = decode(word.slice(0, equals), options.formEncoded)?.toLowerCase();
    const value = decode(word.slice(equals + 1), options.formEncoded);
    if (name === undefined || value === undefined) {
      return { ok: false, message: `word ${index + 1} of the body has a broken %-encoding` };
    }
    if (fields.has(name)) return { ok: false, message: `the field "${name}" appears twice` };
    fields.set(name, value);
  }
  return { ok: true, fields: Object.fromEntries(fields) };
}

function decode(text: string, formEncoded: boolean): string | undefined {
  if (!formEncoded) return text;
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}
