import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';

/** A test API key: its name, its SEC1 PEM private key (the form Coinbase hands out) and the public key. */
export interface TestApiKey {
  readonly name: string;
  readonly privateKeyPem: string;
  readonly publicKey: KeyObject;
}

/** A fresh P-256 key pair with a CDP-style key name. */
export function generateTestApiKey(name = 'organizations/hookline-test/apiKeys/key-1'): TestApiKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { name, privateKeyPem: privateKey.export({ type: 'sec1', format: 'pem' }).toString(), publicKey };
}

/** What a request or subscribe must carry, and what was wrong when it did not. */
export type JwtVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Checks Coinbase JWTs the way the venue does: ES256 signature by the key's public key, `kid` and
 * `sub` the key name, issuer `cdp` (or ccxt's `coinbase-cloud`), valid now, at most 120 s long,
 * a `nonce` never seen before (so each use carries a fresh token), and for REST the `uri` claim
 * naming the request (`POST 127.0.0.1:1234/api/v3/brokerage/orders`; ccxt keeps `http://` on
 * non-TLS URLs, so a scheme is tolerated).
 */
export class JwtVerifier {
  readonly #key: TestApiKey;
  readonly #nonces = new Set<string>();
  readonly failures: string[] = [];
  verified = 0;

  constructor(key: TestApiKey) {
    this.#key = key;
  }

  /** Verifies a token; `uri` is required for REST requests. */
  async verify(token: string | undefined, uri?: string): Promise<JwtVerdict> {
    const verdict = await this.#check(token, uri);
    if (verdict.ok) this.verified += 1;
    else this.failures.push(verdict.reason);
    return verdict;
  }

  async #check(token: string | undefined, uri: string | undefined): Promise<JwtVerdict> {
    if (token === undefined || token === '') return { ok: false, reason: 'no JWT' };
    let header: ReturnType<typeof decodeProtectedHeader>;
    let payload: Record<string, unknown>;
    try {
      header = decodeProtectedHeader(token);
      ({ payload } = await jwtVerify(token, this.#key.publicKey, {
        algorithms: ['ES256'],
        clockTolerance: 5,
      }));
    } catch (error) {
      return { ok: false, reason: `invalid JWT: ${error instanceof Error ? error.message : String(error)}` };
    }
    const nonce = typeof header.nonce === 'string' ? header.nonce : undefined;
    if (header.kid !== this.#key.name || payload.sub !== this.#key.name)
      return { ok: false, reason: 'kid/sub is not the key name' };
    if (payload.iss !== 'cdp' && payload.iss !== 'coinbase-cloud')
      return { ok: false, reason: `issuer ${String(payload.iss)}` };
    if (
      typeof payload.nbf !== 'number' ||
      typeof payload.exp !== 'number' ||
      payload.exp - payload.nbf > 120
    ) {
      return { ok: false, reason: 'nbf/exp missing or lifetime above 120 s' };
    }
    if (nonce === undefined) return { ok: false, reason: 'no nonce' };
    if (this.#nonces.has(nonce)) return { ok: false, reason: 'a JWT was reused' };
    this.#nonces.add(nonce);
    if (uri !== undefined) {
      const claimed = typeof payload.uri === 'string' ? payload.uri.replace(/ https?:\/\//, ' ') : undefined;
      if (claimed !== uri) return { ok: false, reason: `uri claim ${String(payload.uri)} is not ${uri}` };
    }
    return { ok: true };
  }
}
