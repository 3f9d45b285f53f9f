import { describe, expect, it } from 'vitest';
import { hooklineBody } from './support/alert-bodies.js';
import { PASSPHRASE, useIngressDatabase } from './support/ingress-harness.js';

const ingress = useIngressDatabase();

describe('POST /webhook refuses bad bodies, stores them, and names the problem', () => {
  it.each([
    [
      'an unquoted {{ticker}} placeholder',
      `{\n  "passphrase": "${PASSPHRASE}",\n  "ticker": {{ticker}},\n  "action": "buy"\n}`,
      /line 3, column 13: an unquoted placeholder \{\{ticker\}\}.*double quotes/,
    ],
    [
      'a placeholder TradingView filled with a bare word',
      `{"passphrase": "${PASSPHRASE}", "ticker": COINBASE:BTCUSD, "action": "buy"}`,
      /line 1, column \d+: unquoted text "COINBASE:BTCUSD".*"ticker": "\{\{ticker\}\}"/,
    ],
    [
      'a // comment',
      `{\n  "passphrase": "${PASSPHRASE}", // my secret\n  "ticker": "BTCUSD"\n}`,
      /line 2, column \d+: a \/\/ comment.*JSON has no comments/,
    ],
    [
      'a trailing comma',
      `{"passphrase": "${PASSPHRASE}", "ticker": "BTCUSD", "action": "buy",}`,
      /a trailing comma before "}"/,
    ],
  ])(
    'when the JSON has %s then 400 INVALID_JSON names it and the row is REJECTED',
    async (_name, body, message) => {
      const subject = ingress();

      const response = await subject.post(body, { contentType: 'text/plain' });

      expect(response.statusCode).toBe(400);
      expect(response.json).toMatchObject({ error: 'INVALID_JSON', message: expect.stringMatching(message) });
      const [row] = await subject.rows();
      expect(row).toMatchObject({ id: response.json.alertId, status: 'REJECTED', reason: 'INVALID_JSON' });
      expect(row?.parsedPayload).toEqual({ error: { code: 'INVALID_JSON', message: response.json.message } });
      expect(row?.rawBody).toContain('"passphrase": "[redacted]"');
      expect(row?.rawBody).not.toContain(PASSPHRASE);
      expect(subject.accepted).toEqual([]);
    },
  );

  it.each([
    ['the action is missing', { action: undefined }, 'INVALID_PAYLOAD', /action: is required/],
    ['the action is unknown', { action: 'long' }, 'INVALID_PAYLOAD', /action: must be buy, sell or exit/],
    ['the price is NaN', { price: 'NaN' }, 'INVALID_PAYLOAD', /price: must be a positive number/],
    [
      'an exit carries a size',
      { action: 'exit', size: { base: '1' } },
      'INVALID_PAYLOAD',
      /size: an exit closes/,
    ],
    ['a size names two units', { size: { base: '1', quote: '5' } }, 'INVALID_PAYLOAD', /exactly one of/],
    [
      'the ticker placeholder was not replaced',
      { ticker: '{{tickr}}' },
      'INVALID_PAYLOAD',
      /ticker still holds/,
    ],
    ['the ticker maps to no market', { ticker: 'SPX500' }, 'INVALID_SYMBOL', /HOOKLINE_SYMBOL_OVERRIDES/],
  ])('when %s then 422 %s and the row is REJECTED', async (_name, fields, code, message) => {
    const subject = ingress();

    const response = await subject.post(hooklineBody(fields));

    expect(response.statusCode).toBe(422);
    expect(response.json).toMatchObject({ error: code, message: expect.stringMatching(message) });
    const [row] = await subject.rows();
    expect(row).toMatchObject({ status: 'REJECTED', reason: code });
  });

  it('when an exchange market lookup is given and lacks the market then 422 INVALID_SYMBOL', async () => {
    const subject = ingress({
      markets: { find: (symbol) => (symbol === 'BTC/USD' ? { symbol } : undefined) },
    });

    const known = await subject.post(hooklineBody({ ticker: 'XBTUSD' }));
    const unknown = await subject.post(hooklineBody({ ticker: 'DOGEUSD' }));

    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json).toMatchObject({
      error: 'INVALID_SYMBOL',
      message: expect.stringContaining('DOGE/USD'),
    });
  });

  it.each([
    ['neither JSON nor key=value', 'buy BTCUSD now'],
    ['empty', ''],
    ['a JSON list', '[1, 2]'],
  ])('when the body is %s then 400 INVALID_PAYLOAD and a stored rejection', async (_name, body) => {
    const subject = ingress();

    const response = await subject.post(body, { contentType: 'text/plain' });

    expect(response.statusCode).toBe(400);
    expect(response.json).toMatchObject({ error: 'INVALID_PAYLOAD' });
    expect(await subject.rows()).toMatchObject([{ status: 'REJECTED', reason: 'INVALID_PAYLOAD' }]);
  });

  it('when the body is larger than the limit then 413 PAYLOAD_TOO_LARGE is stored', async () => {
    const subject = ingress({ bodyLimitBytes: 1024 });

    const response = await subject.post(hooklineBody({ note: 'x'.repeat(2000) }));

    expect(response.statusCode).toBe(413);
    expect(response.json).toMatchObject({
      error: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(/larger than the limit of 1024 bytes/),
    });
    expect(await subject.rows()).toMatchObject([
      { id: response.json.alertId, status: 'REJECTED', reason: 'PAYLOAD_TOO_LARGE', rawBody: '' },
    ]);
  });

  it('when a body has the same field twice then 400 says which', async () => {
    const subject = ingress();

    const response = await subject.post(`{"passphrase":"${PASSPHRASE}","action":"buy","action":"sell"}`);

    expect(response.statusCode).toBe(400);
    expect(response.json.message).toMatch(/the field "action" appears twice/);
  });
});
