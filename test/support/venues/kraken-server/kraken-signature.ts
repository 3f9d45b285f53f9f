import { createHash, createHmac, randomBytes } from 'node:crypto';

/** A Kraken-style API key: a key string and a base64 secret. */
export interface KrakenTestKey {
  readonly key: string;
  readonly secret: string;
}

export function generateKrakenTestKey(): KrakenTestKey {
  return {
    key: `hookline-test-${randomBytes(6).toString('hex')}`,
    secret: randomBytes(64).toString('base64'),
  };
}

/**
 * Kraken's REST signature: API-Sign = base64(HMAC-SHA512(base64-decoded secret, URI path +
 * SHA256(nonce + POST body))). Returns what is wrong, or undefined when the request is signed right.
 */
export function signatureProblem(
  key: KrakenTestKey,
  path: string,
  body: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): string | undefined {
  if (headers['api-key'] !== key.key) return 'EAPI:Invalid key';
  const nonce = new URLSearchParams(body).get('nonce');
  if (nonce === null) return 'EAPI:Invalid nonce';
  const hash = createHash('sha256')
    .update(nonce + body)
    .digest();
  const expected = createHmac('sha512', Buffer.from(key.secret, 'base64'))
    .update(Buffer.concat([Buffer.from(path), hash]))
    .digest('base64');
  return headers['api-sign'] === expected ? undefined : 'EAPI:Invalid signature';
}
