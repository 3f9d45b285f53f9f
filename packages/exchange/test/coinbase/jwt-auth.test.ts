import { TestClock } from '@hookline/core';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  type CoinbaseTestServer,
  startCoinbaseServer,
} from '../../../../test/support/venues/coinbase-server/coinbase-server.js';
import {
  generateTestApiKey,
  JwtVerifier,
} from '../../../../test/support/venues/coinbase-server/jwt-verifier.js';
import { CoinbaseJwtSigner } from '../../src/coinbase/coinbase-jwt.js';
import type { CcxtExchange, UserStreamEvent } from '../../src/index.js';
import { coinbaseAdapterFor } from '../ccxt/ccxt-harness.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function serverAndAdapter(
  options: Parameters<typeof startCoinbaseServer>[0] = {},
  key = undefined as ReturnType<typeof generateTestApiKey> | undefined,
) {
  const server: CoinbaseTestServer = await startCoinbaseServer(options);
  const exchange: CcxtExchange = coinbaseAdapterFor(
    server,
    key === undefined ? {} : { apiKey: key.name, secret: key.privateKeyPem },
  );
  cleanup.push(
    () => server.close(),
    () => exchange.close(),
  );
  return { server, exchange };
}

describe('CoinbaseJwtSigner', () => {
  it('when a token is signed then it is ES256 with the key name as kid and sub, a nonce, issuer cdp and a 120 s life on our clock', async () => {
    const key = generateTestApiKey();
    const clock = new TestClock(Date.UTC(2025, 0, 2, 12));
    const token = await new CoinbaseJwtSigner(
      { apiKeyName: key.name, privateKeyPem: key.privateKeyPem },
      clock,
    ).sign();

    const header = decodeProtectedHeader(token);
    const claims = decodeJwt(token);

    expect(header).toMatchObject({ alg: 'ES256', kid: key.name });
    expect(String(header.nonce)).toMatch(/^[0-9a-f]{32}$/);
    expect(claims).toMatchObject({
      iss: 'cdp',
      sub: key.name,
      nbf: clock.nowMs() / 1_000,
      exp: clock.nowMs() / 1_000 + 120,
    });
  });

  it('when the same token is presented twice then the server refuses the second: each use needs a fresh one', async () => {
    const key = generateTestApiKey();
    const verifier = new JwtVerifier(key);
    const token = await new CoinbaseJwtSigner(
      { apiKeyName: key.name, privateKeyPem: key.privateKeyPem },
      new TestClock(Date.now()),
    ).sign();

    const first = await verifier.verify(token);
    const second = await verifier.verify(token);

    expect(first.ok).toBe(true);
    expect(second).toEqual({ ok: false, reason: 'a JWT was reused' });
  });
});

describe('the local Coinbase checks every JWT with the public key', () => {
  it('when the adapter uses REST and the user channel then every request and subscribe carried its own valid JWT', async () => {
    const { server, exchange } = await serverAndAdapter();

    await exchange.fetchBalances();
    await exchange.fetchOpenOrders();
    exchange.subscribeUserEvents(() => {});
    await exchange.whenStreamsSettled();

    const privateRequests = server.requests.filter(
      (request) => request.path !== '/api/v3/brokerage/market/products',
    );
    expect(server.verifier.failures).toEqual([]);
    // REST requests plus two subscribes (heartbeats and user), each a fresh token (nonces never repeat).
    expect(server.verifier.verified).toBe(privateRequests.length + 2);
  });

  it('when the adapter signs with another key then REST is AUTH and the user subscribe is refused', async () => {
    const { server, exchange } = await serverAndAdapter({}, generateTestApiKey());
    const events: UserStreamEvent[] = [];

    const error = await exchange.fetchBalances().catch((caught: unknown) => caught);
    exchange.subscribeUserEvents((event) => events.push(event));
    while (!events.some((event) => event.type === 'disconnected'))
      await new Promise((resolve) => setTimeout(resolve, 10));

    expect(error).toMatchObject({ kind: 'AUTH', context: { httpStatus: 401 } });
    expect(server.feeds.errors.some((reason) => reason.startsWith('authentication failure'))).toBe(true);
    expect(events.some((event) => event.type === 'connected')).toBe(false);
  });

  it('when a client does not subscribe within the deadline then the server closes it, and the adapter subscribes in time', async () => {
    const { server, exchange } = await serverAndAdapter({ subscribeDeadlineMs: 150 });
    const silent = new WebSocket(server.wsUserUrl);
    const closed = new Promise<number>((resolve) => silent.on('close', (code) => resolve(code)));

    exchange.subscribeUserEvents(() => {});
    await exchange.whenStreamsSettled();

    expect(await closed).toBe(1008);
    expect(server.feeds.errors).toContain('no subscribe within the deadline');
    expect(server.feeds.subscribedCount('user')).toBe(1);
  });
});
