// Secrets never reach a log: channel tokens, webhook URLs (which carry their token) and the SMTP
// password are replaced wherever they appear in an error's text.
import { REDACTED } from '@hookline/schemas';

/** `text` with every secret (and each URL secret's path, which holds its token) replaced. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets.flatMap(secretForms)) redacted = redacted.split(secret).join(REDACTED);
  return redacted;
}

function secretForms(secret: string): string[] {
  if (secret.length === 0) return [];
  try {
    const url = new URL(secret);
    return url.pathname.length > 1 ? [secret, url.pathname, encodeURIComponent(secret)] : [secret];
  } catch {
    return [secret, encodeURIComponent(secret)];
  }
}

/** The message of an error with secrets removed (and its cause's, which fetch puts the reason in). */
export function redactedError(error: unknown, secrets: readonly string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return redactSecrets(`${message}${cause}`, secrets);
}
