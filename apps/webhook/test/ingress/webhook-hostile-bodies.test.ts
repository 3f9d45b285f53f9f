// Bodies no text column can hold (NUL, lone surrogates, invalid UTF-8; raw, JSON-escaped or
// percent-escaped) are an answer, not a crash: 400 INVALID_TEXT, stored REJECTED with the body kept.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PASSPHRASE, useIngressDatabase } from './support/ingress-harness.js';

const ingress = useIngressDatabase();

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))),
  );
const start = `{"passphrase":"${PASSPHRASE}","ticker":"`;
const end = '","action":"buy"}';

/** The body as stored: every byte kept, the passphrase masked. */
const masked = (body: Uint8Array): Buffer =>
  Buffer.from(Buffer.from(body).toString('latin1').split(PASSPHRASE).join('[redacted]'), 'latin1');

describe('POST /webhook with bodies text cannot hold', () => {
  it.each([
    ['a raw NUL byte', bytes(start, 'BTC', [0], 'USD', end), /NUL byte at offset 58/, 'bytes'],
    [
      'a raw lone surrogate (ED A0 80)',
      bytes(start, [0xed, 0xa0, 0x80], end),
      /byte 0xED at offset 55/,
      'bytes',
    ],
    ['a byte that is never UTF-8 (FF)', bytes(start, [0xff], end), /byte 0xFF at offset 55/, 'bytes'],
    ['an overlong slash (C0 AF)', bytes(start, [0xc0, 0xaf], end), /byte 0xC0 at offset 55/, 'bytes'],
    [
      'a sequence cut short at the end',
      bytes(start, 'BTC', end, [0xe2, 0x82]),
      /byte 0xE2 at offset 75/,
      'bytes',
    ],
    ['an escaped NUL in a value', bytes(start, 'BTC\\u0000', end), /field "ticker" holds a NUL/, 'text'],
    [
      'an escaped NUL in a name',
      bytes('{"a\\u0000":1,', start.slice(1), end),
      /name of field "a\\u0000"/,
      'text',
    ],
    [
      'an escaped lone surrogate',
      bytes(start, '\\ud800', end),
      /field "ticker" holds a lone surrogate/,
      'text',
    ],
    [
      'a nested escaped NUL',
      bytes(start, 'X","bar":{"o":["\\u0000"]}}'),
      /field "bar\.o\.0" holds a NUL/,
      'text',
    ],
  ] as const)(
    'when the body holds %s then 400 INVALID_TEXT says so and the body is stored losslessly',
    async (_name, body, message, kept) => {
      const subject = ingress();

      const response = await subject.post(body, { contentType: 'application/json' });

      expect(response.statusCode).toBe(400);
      expect(response.json).toMatchObject({ error: 'INVALID_TEXT', message: expect.stringMatching(message) });
      const [row] = await subject.rows();
      expect(row).toMatchObject({ id: response.json.alertId, status: 'REJECTED', reason: 'INVALID_TEXT' });
      expect(row?.rawBody).not.toContain(PASSPHRASE);
      if (kept === 'bytes') {
        expect(Buffer.from(row?.rawBodyBytes ?? [])).toEqual(masked(body));
        expect(row?.rawBody).toContain('\uFFFD');
      } else {
        expect(row?.rawBodyBytes).toBeNull();
        expect(Buffer.from(row?.rawBody ?? '', 'utf8')).toEqual(masked(body));
      }
    },
  );

  it('when a form-encoded body percent-escapes a NUL then 400 INVALID_TEXT names the field', async () => {
    const subject = ingress();

    const response = await subject.post(`passphrase=${PASSPHRASE}&ticker=BTC%00USD&action=buy`, {
      contentType: 'application/x-www-form-urlencoded',
    });

    expect(response.statusCode).toBe(400);
    expect(response.json).toMatchObject({
      error: 'INVALID_TEXT',
      message: expect.stringMatching(/"ticker"/),
    });
    expect(await subject.rows()).toHaveLength(1);
  });

  it('when no passphrase is configured then a NUL body is still stored and answered 503', async () => {
    const subject = ingress({ passphrase: undefined });
    const body = bytes('{"a":"', [0, 0xff], '"}');

    const response = await subject.post(body);

    expect(response.statusCode).toBe(503);
    const [row] = await subject.rows();
    expect(Buffer.from(row?.rawBodyBytes ?? [])).toEqual(Buffer.from(body));
  });
});

// --- fuzz through the real HTTP server ------------------------------------------------------------

/** Any UTF-16 code unit, lone surrogates and NUL included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const anyText = fc.string({ unit: codeUnit, maxLength: 40 });

/** Bodies from plain noise to almost-right alerts with hostile text in them. */
const hostileBody = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  // JSON.stringify writes NUL and lone surrogates as \u escapes.
  fc
    .record({ ticker: anyText, action: fc.constantFrom('buy', 'sell', 'exit'), extra: anyText })
    .map((fields) => bytes(JSON.stringify({ passphrase: PASSPHRASE, ...fields }))),
  // An alert with raw bytes spliced in somewhere.
  fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.nat()).map(([noise, at]) => {
    const alert = Buffer.from(`{"passphrase":"${PASSPHRASE}","ticker":"BTCUSD","action":"buy"}`);
    const cut = at % alert.length;
    return bytes([...alert.subarray(0, cut)], [...noise], [...alert.subarray(cut)]);
  }),
  // Form encoding with any bytes percent-escaped (%00, %ED%A0%80, %FF).
  fc
    .uint8Array({ maxLength: 20 })
    .map((raw) => [...raw].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''))
    .map((escaped) => bytes(`passphrase=${PASSPHRASE}&ticker=${escaped}&action=buy`)),
);

describe('POST /webhook fuzzed over a real socket', () => {
  it('when any bytes arrive then the answer is never a 5xx, every request is stored and /healthz still answers', async () => {
    const subject = ingress();
    await subject.app.listen({ host: '127.0.0.1', port: 0 });
    const address = subject.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    const base = `http://127.0.0.1:${address.port}`;
    let sent = 0;

    await fc.assert(
      fc.asyncProperty(
        hostileBody,
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/octet-stream',
        ),
        async (body, contentType) => {
          const response = await fetch(`${base}/webhook`, {
            method: 'POST',
            headers: { 'content-type': contentType },
            body: Buffer.from(body),
          });
          sent += 1;
          const answer = (await response.json()) as Record<string, unknown>;
          expect(response.status, JSON.stringify(answer)).toBeLessThan(500);
          expect(typeof answer.alertId).toBe('string');
          expect(await subject.rows()).toHaveLength(sent);
        },
      ),
      { numRuns: 80 },
    );

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
