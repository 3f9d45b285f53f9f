import { parseAddressRule, TRADINGVIEW_WEBHOOK_ADDRESSES } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';
import { hooklineBody } from './support/alert-bodies.js';
import { PASSPHRASE, TRADINGVIEW_ADDRESS, useIngressDatabase } from './support/ingress-harness.js';

const ingress = useIngressDatabase();
const rules = (...texts: string[]) => texts.map((text) => parseAddressRule(text) ?? expect.fail(text));
const tradingView = rules(...TRADINGVIEW_WEBHOOK_ADDRESSES);

describe('POST /webhook: passphrase', () => {
  it.each([
    ['wrong', hooklineBody({ passphrase: 'not-the-passphrase-at-all' }), 'the passphrase is wrong'],
    ['missing', hooklineBody({ passphrase: undefined }), 'no passphrase'],
    ['given a number', hooklineBody({ passphrase: 123456789012 }), 'the passphrase is wrong'],
  ])('when the passphrase is %s then 401 BAD_PASSPHRASE is stored', async (_name, body, message) => {
    const subject = ingress();

    const response = await subject.post(body);

    expect(response.statusCode).toBe(401);
    expect(response.json).toMatchObject({
      error: 'BAD_PASSPHRASE',
      message: expect.stringContaining(message),
    });
    expect(await subject.rows()).toMatchObject([{ status: 'REJECTED', reason: 'BAD_PASSPHRASE' }]);
    expect(subject.accepted).toEqual([]);
  });

  it.each([
    ['key', { key: PASSPHRASE }],
    ['secret', { secret: PASSPHRASE }],
  ])('when the passphrase travels in "%s" then it is accepted', async (_name, fields) => {
    const subject = ingress();

    const response = await subject.post(hooklineBody({ passphrase: undefined, ...fields }));

    expect(response.statusCode).toBe(202);
  });

  it('when no passphrase is configured then every alert is refused with 503 and stored', async () => {
    const subject = ingress({ passphrase: undefined });

    const response = await subject.post(hooklineBody());

    expect(response.statusCode).toBe(503);
    expect(response.json).toMatchObject({
      error: 'BAD_PASSPHRASE',
      message: expect.stringContaining('WEBHOOK_PASSPHRASE'),
    });
    expect(await subject.rows()).toMatchObject([{ status: 'REJECTED', reason: 'BAD_PASSPHRASE' }]);
  });

  it('when alerts with right, wrong and broken passphrases arrive then no row and no log line holds one', async () => {
    const subject = ingress();
    const wrong = 'a-wrong-guess-of-the-passphrase';

    await subject.post(hooklineBody());
    await subject.post(hooklineBody({ passphrase: wrong }));
    await subject.post(`{"passphrase": ${PASSPHRASE}, "ticker": "BTCUSD"}`, { contentType: 'text/plain' });
    await subject.post(`{"ticker": {{ticker}}, "secret": "${PASSPHRASE}"}`, { contentType: 'text/plain' });
    await subject.post(`{"note": "${PASSPHRASE}", "ticker": BTCUSD, "key": "${PASSPHRASE}"}`);
    await subject.post(`passphrase=${encodeURIComponent(PASSPHRASE)} action=buy ticker=BTCUSD`);
    await subject.acceptedCount(1);

    const rows = await subject.rows();
    expect(rows.map((row) => row.status)).toEqual([
      'ACCEPTED',
      'REJECTED',
      'REJECTED',
      'REJECTED',
      'REJECTED',
      'DUPLICATE',
    ]);
    const stored = JSON.stringify(rows);
    const logged = subject.logLines.join('\n');
    expect(logged).toContain('webhook alert rejected'); // the capture works: outcomes are logged
    for (const secret of [PASSPHRASE, wrong]) {
      expect(stored).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
  });
});

describe('POST /webhook: sender allowlist', () => {
  it.each([
    ['a TradingView address', TRADINGVIEW_ADDRESS, 202],
    ['a TradingView address as IPv4-mapped IPv6', `::ffff:${TRADINGVIEW_ADDRESS}`, 202],
    ['another address', '203.0.113.9', 403],
  ])('when the allowlist is on and %s sends then %i', async (_name, from, status) => {
    const subject = ingress({ allowedAddresses: tradingView });

    const response = await subject.post(hooklineBody(), { from });

    expect(response.statusCode).toBe(status);
    if (status === 403) {
      expect(response.json).toMatchObject({ error: 'SOURCE_NOT_ALLOWED' });
      expect(await subject.rows()).toMatchObject([
        { status: 'REJECTED', reason: 'SOURCE_NOT_ALLOWED', remoteAddress: from },
      ]);
    }
  });

  it('when no proxy is trusted then X-Forwarded-For is ignored (it could be forged)', async () => {
    const subject = ingress({ allowedAddresses: tradingView });

    const response = await subject.post(hooklineBody(), {
      from: '10.0.0.5',
      headers: { 'x-forwarded-for': TRADINGVIEW_ADDRESS },
    });

    expect(response.statusCode).toBe(403);
  });

  it('when the request comes through a trusted proxy then the forwarded sender is checked and stored', async () => {
    const subject = ingress({ allowedAddresses: tradingView, trustedProxies: rules('10.0.0.0/8') });

    const allowed = await subject.post(hooklineBody({ id: 'a' }), {
      from: '10.0.0.5',
      headers: { 'x-forwarded-for': `198.51.100.1, ${TRADINGVIEW_ADDRESS}, 10.0.0.7` },
    });
    const forged = await subject.post(hooklineBody({ id: 'b' }), {
      from: '10.0.0.5',
      headers: { 'x-forwarded-for': `${TRADINGVIEW_ADDRESS}, 198.51.100.1` },
    });

    expect(allowed.statusCode).toBe(202);
    expect(forged.statusCode).toBe(403);
    expect((await subject.rows()).map((row) => row.remoteAddress)).toEqual([
      TRADINGVIEW_ADDRESS,
      '198.51.100.1',
    ]);
  });
});

describe('POST /webhook: rate limit per sender', () => {
  it('when a sender exceeds the limit then 429 with Retry-After, other senders go on, and a minute later it may send again', async () => {
    const subject = ingress({ rateLimitPerMinute: 2 });
    const send = (id: string, from = TRADINGVIEW_ADDRESS) => subject.post(hooklineBody({ id }), { from });

    const statuses = [(await send('1')).statusCode, (await send('2')).statusCode];
    const limited = await send('3');
    const otherSender = await send('4', '34.212.75.30');
    subject.clock.advance(30_000);
    const afterRefill = await send('5');

    expect(statuses).toEqual([202, 202]);
    expect(limited.statusCode).toBe(429);
    expect(limited.json).toMatchObject({ error: 'RATE_LIMITED' });
    expect(limited.headers['retry-after']).toBe('30');
    expect(otherSender.statusCode).toBe(202);
    expect(afterRefill.statusCode).toBe(202);
    expect(await subject.rows()).toHaveLength(4); // 429s are not stored: a flood costs no writes
  });
});
