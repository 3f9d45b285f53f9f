import { createPrivateKey, type KeyObject, randomBytes } from 'node:crypto';
import type { Clock } from '@hookline/core';
import { SignJWT } from 'jose';
import { ExchangeError } from '../port/exchange-error.js';

/** A Coinbase CDP API key: its name (`organizations/{org}/apiKeys/{id}`) and its EC private key (PEM). */
export interface CoinbaseCredentials {
  readonly apiKeyName: string;
  readonly privateKeyPem: string;
}

/** A Coinbase JWT lives two minutes (docs/exchange-notes.md, Coinbase 2). */
export const coinbaseJwtLifetimeSeconds = 120;

/**
 * Signs the ES256 JWTs Coinbase Advanced Trade authenticates with: `sub` and `kid` the key name, a
 * random `nonce` in the header, valid from now for 120 s. A token is signed per use (each subscribe
 * message; REST requests are signed by ccxt the same way), because it expires in two minutes.
 */
export class CoinbaseJwtSigner {
  readonly #keyName: string;
  readonly #key: KeyObject;
  readonly #clock: Clock;

  constructor(credentials: CoinbaseCredentials, clock: Clock) {
    this.#keyName = credentials.apiKeyName;
    this.#clock = clock;
    try {
      // Accepts the SEC1 ("EC PRIVATE KEY") PEM Coinbase hands out, and PKCS#8.
      this.#key = createPrivateKey(credentials.privateKeyPem.replace(/\\n/g, '\n'));
    } catch (error) {
      throw new ExchangeError('AUTH', 'the Coinbase API secret is not an EC private key in PEM form', {
        context: { apiKeyName: credentials.apiKeyName },
        cause: error,
      });
    }
  }

  /** A fresh token; `uri` (`GET api.coinbase.com/api/v3/...`) only for REST requests. */
  async sign(uri?: string): Promise<string> {
    const nowSeconds = Math.floor(this.#clock.nowMs() / 1_000);
    return new SignJWT({ iss: 'cdp', sub: this.#keyName, ...(uri === undefined ? {} : { uri }) })
      .setProtectedHeader({
        alg: 'ES256',
        typ: 'JWT',
        kid: this.#keyName,
        nonce: randomBytes(16).toString('hex'),
      })
      .setNotBefore(nowSeconds)
      .setExpirationTime(nowSeconds + coinbaseJwtLifetimeSeconds)
      .sign(this.#key);
  }
}
