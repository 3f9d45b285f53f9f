/** The field names that may carry the webhook passphrase, in the order they are looked up. */
export const PASSPHRASE_FIELDS = ['passphrase', 'key', 'secret'] as const;

/** What a masked secret is replaced with in stored bodies. */
export const REDACTED = '[redacted]';

// Literal replacement of short values would mangle unrelated text ("key": "x" would mask every x).
const MIN_LITERAL_SECRET_LENGTH = 6;

/** True for a field name that carries the passphrase (any letter case). */
export function isSecretField(name: string): boolean {
  return (PASSPHRASE_FIELDS as readonly string[]).includes(name.toLowerCase());
}

/** The passphrase the sender gave under `passphrase`, `key` or `secret`; undefined when none is text. */
export function findPassphrase(fields: Readonly<Record<string, unknown>>): string | undefined {
  for (const name of PASSPHRASE_FIELDS) {
    for (const [key, value] of Object.entries(fields)) {
      if (key.toLowerCase() === name && typeof value === 'string') return value;
    }
  }
  return undefined;
}

// `"passphrase": "…"`, `'key': '…'`, `secret=…`, `passphrase: bare` — the value after a secret name,
// whether or not the body around it is valid JSON (an invalid body is stored too).
const SECRET_ASSIGNMENT =
  /(["']?)\b(passphrase|key|secret)\1(\s*[:=]\s*)("(?:[^"\\\n]|\\.)*"?|'[^'\n]*'?|[^\s,&}\]]*)/gi;

/**
 * The raw body with every passphrase value replaced by "[redacted]", so `alerts.raw_body` can be
 * stored and shown. Two layers: the value after any secret field name (which also covers bodies
 * that are not valid JSON and wrong passphrases), then every literal occurrence of the known
 * secrets (the configured passphrase, also JSON-escaped and URL-encoded, wherever the sender put it).
 */
export function maskSecrets(raw: string, knownSecrets: readonly string[]): string {
  let masked = raw.replace(
    SECRET_ASSIGNMENT,
    (_match, quote: string, name: string, separator: string, value: string) => {
      const opener = value.startsWith('"') || value.startsWith("'") ? (value[0] ?? '') : '';
      return `${quote}${name}${quote}${separator}${opener}${REDACTED}${opener}`;
    },
  );
  for (const secret of knownSecrets) {
    if (secret.length < MIN_LITERAL_SECRET_LENGTH) continue;
    for (const spelling of new Set([
      secret,
      JSON.stringify(secret).slice(1, -1),
      encodeURIComponent(secret),
      encodeURIComponent(secret).replaceAll('%20', '+'), // form encoding writes spaces as +
    ])) {
      masked = masked.split(spelling).join(REDACTED);
    }
  }
  return masked;
}
