import { describe, expect, it } from 'vitest';
import { hooklineBody, strategyBody } from './support/alert-bodies.js';
import { PASSPHRASE, TRADINGVIEW_ADDRESS, useIngressDatabase } from './support/ingress-harness.js';

const ingress = useIngressDatabase();

describe('POST /webhook accepts each template', () => {
  it('when a Hookline-template alert arrives then it is stored ACCEPTED, answered 202 and handed on once', async () => {
    const subject = ingress();
    const body = hooklineBody({ id: 'btc-1', size: { quote: '100' }, order_type: 'LIMIT' });

    const response = await subject.post(body);

    expect(response.statusCode).toBe(202);
    expect(response.json).toEqual({ status: 'accepted', alertId: expect.any(String) });
    const [row] = await subject.rows();
    expect(row).toMatchObject({
      id: response.json.alertId,
      status: 'ACCEPTED',
      source: 'TRADINGVIEW',
      reason: null,
      remoteAddress: TRADINGVIEW_ADDRESS,
      idempotencyKey: 'tradingview:id:buy:btc-1',
      receivedAt: new Date('2024-05-01T12:00:00.000Z'),
    });
    const expected = {
      template: 'hookline',
      id: 'btc-1',
      action: 'buy',
      symbol: 'BTC/USD',
      ticker: 'BTCUSD',
      exchange: 'COINBASE',
      price: '65000.5',
      time: '2024-05-01T11:59:00.000Z',
      size: { unit: 'quote', amount: '100' },
      orderType: 'limit',
    };
    expect(row?.parsedPayload).toEqual({ alert: expected });
    await subject.acceptedCount(1);
    expect(subject.accepted).toEqual([
      {
        alertId: response.json.alertId,
        idempotencyKey: 'tradingview:id:buy:btc-1',
        receivedAt: new Date('2024-05-01T12:00:00.000Z'),
        remoteAddress: TRADINGVIEW_ADDRESS,
        alert: expected,
      },
    ]);
  });

  it('when numbers are unquoted then they keep every digit (no float rounding)', async () => {
    const subject = ingress();
    const body = `{"passphrase":"${PASSPHRASE}","ticker":"ETHUSD","action":"sell","price":3100.123456789012345678,"size":{"base":0.000000000000000001}}`;

    const response = await subject.post(body);

    expect(response.statusCode).toBe(202);
    const [row] = await subject.rows();
    expect(row?.parsedPayload).toMatchObject({
      alert: { price: '3100.123456789012345678', size: { unit: 'base', amount: '0.000000000000000001' } },
    });
  });

  it.each([
    [
      'buy while long',
      { order_action: 'buy', market_position: 'long' },
      'buy',
      { unit: 'base', amount: '0.01' },
    ],
    [
      'sell that leaves a long',
      { order_action: 'sell', market_position: 'long' },
      'sell',
      { unit: 'base', amount: '0.01' },
    ],
    ['sell that leaves the strategy flat', { order_action: 'sell', market_position: 'flat' }, 'exit', null],
    ['sell that reverses to short', { order_action: 'SELL', market_position: 'short' }, 'exit', null],
  ])('when the strategy template sends a %s then the action is %s', async (_name, strategy, action, size) => {
    const subject = ingress();

    const response = await subject.post(strategyBody(strategy));

    expect(response.statusCode).toBe(202);
    const [row] = await subject.rows();
    expect(row?.parsedPayload).toEqual({
      alert: {
        template: 'strategy',
        id: null,
        action,
        symbol: 'BTC/USDT',
        ticker: 'BTCUSDT',
        exchange: 'BINANCE',
        price: '65000.25',
        time: '2024-05-01T11:59:00.000Z',
        size,
        orderType: null,
      },
    });
    expect(row?.idempotencyKey).toMatch(/^tradingview:sha256:[0-9a-f]{64}:\d+$/);
  });

  it('when valid JSON arrives as text/plain (as TradingView may send it) then it is read all the same', async () => {
    const subject = ingress();

    const response = await subject.post(hooklineBody(), { contentType: 'text/plain; charset=utf-8' });

    expect(response.statusCode).toBe(202);
  });

  it.each([
    [
      'spaces',
      `action=buy ticker=COINBASE:ETHUSD price=3100 quote=50 passphrase=${PASSPHRASE}`,
      'text/plain',
    ],
    [
      'newlines',
      `action=buy\nticker=COINBASE:ETHUSD\nprice=3100\nquote=50\npassphrase=${PASSPHRASE}\n`,
      'text/plain',
    ],
    [
      'form encoding',
      `action=buy&ticker=COINBASE%3AETHUSD&price=3100&quote=50&passphrase=${encodeURIComponent(PASSPHRASE)}`,
      'application/x-www-form-urlencoded',
    ],
  ])('when a key=value body is separated by %s then it is accepted', async (_name, body, contentType) => {
    const subject = ingress();

    const response = await subject.post(body, { contentType });

    expect(response.statusCode).toBe(202);
    const [row] = await subject.rows();
    expect(row?.parsedPayload).toMatchObject({
      alert: {
        template: 'text',
        action: 'buy',
        symbol: 'ETH/USD',
        price: '3100',
        size: { unit: 'quote', amount: '50' },
      },
    });
    expect(row?.rawBody).not.toContain(PASSPHRASE);
  });
});
