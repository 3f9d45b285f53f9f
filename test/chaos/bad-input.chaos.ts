import { describe, expect, it } from 'vitest';
import type { ChaosSecrets } from './support/chaos-system.js';
import { useChaosSystem } from './support/chaos-system.js';
import { alertIdOf } from './support/load-generator.js';
import { type RawRequest, rawRequest } from './support/raw-http.js';

/** One hostile request to POST /webhook (or elsewhere), and what any answer must be. */
interface BadInput {
  readonly name: string;
  readonly request: RawRequest;
  /** The exact status expected, when the input has one right answer. */
  readonly status?: number;
  /** Whether the request is an alert, so its outcome must be stored (default true). */
  readonly stored?: boolean;
}

const json = { 'content-type': 'application/json' };

function post(body: Buffer | string, headers: Record<string, string> = json, path = '/webhook'): RawRequest {
  return { method: 'POST', path, headers, body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body };
}

/** A valid alert's JSON with `fields` over it. */
function alert(secrets: ChaosSecrets, id: string, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({ passphrase: secrets.passphrase, id, ticker: 'BTCUSD', action: 'buy', ...fields });
}

/** The JSON of an alert with `raw` spliced (unescaped) into the id's text. */
function withRawBytes(secrets: ChaosSecrets, id: string, raw: Buffer): Buffer {
  const [before, after] = alert(secrets, `${id}-MARK`).split('MARK') as [string, string];
  return Buffer.concat([Buffer.from(before), raw, Buffer.from(after)]);
}

function corpus(secrets: ChaosSecrets, run: string): BadInput[] {
  const { passphrase, adminToken } = secrets;
  const id = (name: string) => `${run}-${name}`;
  return [
    { name: 'a raw NUL byte in a string', request: post(withRawBytes(secrets, id('nul'), Buffer.from([0]))) },
    {
      name: 'an escaped \\u0000 in the id',
      request: post(alert(secrets, id('nul-escaped')).replace('nul-escaped', 'nul-escaped\\u0000')),
    },
    {
      name: 'an escaped \\u0000 in the ticker',
      request: post(alert(secrets, id('nul-ticker')).replace('"BTCUSD"', '"BTC\\u0000USD"')),
    },
    {
      name: 'a lone surrogate, raw (its WTF-8 bytes)',
      request: post(withRawBytes(secrets, id('surrogate'), Buffer.from([0xed, 0xa0, 0x80]))),
    },
    {
      name: 'a lone surrogate, escaped',
      request: post(
        alert(secrets, id('surrogate-escaped')).replace('surrogate-escaped', 'surrogate-escaped\\ud800'),
      ),
    },
    {
      name: 'invalid UTF-8 in JSON',
      request: post(withRawBytes(secrets, id('utf8'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]))),
    },
    {
      name: 'invalid UTF-8 in plain text',
      request: post(
        Buffer.concat([
          Buffer.from(`passphrase=${passphrase} action=buy ticker=BTCUSD id=${id('utf8-text')}`),
          Buffer.from([0xc0, 0xaf, 0xff]),
        ]),
        { 'content-type': 'text/plain' },
      ),
    },
    {
      name: 'a 1 MB body',
      request: post(alert(secrets, id('huge'), { note: 'x'.repeat(1024 * 1024) })),
      status: 413,
    },
    {
      name: 'a body trickled 16 bytes every 150 ms',
      request: { ...post(alert(secrets, id('trickled'))), trickle: { chunkBytes: 16, pauseMs: 150 } },
      status: 202,
    },
    {
      name: 'JSON nested 5000 deep',
      request: post(`{"passphrase":"${passphrase}","x":${'['.repeat(5000)}${']'.repeat(5000)}}`),
    },
    { name: 'an empty body', request: post('') },
    {
      name: 'the passphrase in the query string',
      request: post(
        alert(secrets, id('query')),
        json,
        `/webhook?passphrase=${passphrase}&token=${adminToken}`,
      ),
      status: 202,
    },
    {
      name: 'secrets in headers',
      request: post(alert(secrets, id('headers')), {
        ...json,
        authorization: `Bearer ${adminToken}`,
        'x-webhook-passphrase': passphrase,
        cookie: `session=${passphrase}`,
      }),
      status: 202,
    },
    {
      name: 'the passphrase pasted into another field',
      request: post(alert(secrets, id('pasted'), { note: `passphrase is ${passphrase}` })),
      status: 202,
    },
    {
      name: 'a form-encoded alert',
      request: post(`passphrase=${passphrase}&action=buy&ticker=ETHUSD&id=${id('form')}`, {
        'content-type': 'application/x-www-form-urlencoded',
      }),
      status: 202,
    },
    {
      name: 'the admin token sent as the passphrase',
      request: post(alert({ passphrase: adminToken, adminToken }, id('token-as-passphrase'))),
      status: 401,
    },
    {
      name: 'broken JSON that carries the passphrase',
      request: post(`{"passphrase": "${passphrase}", "ticker": BTCUSD, "action": "buy",}`),
      status: 400,
    },
    {
      name: 'the admin token in an API query string',
      request: { method: 'GET', path: `/api/decisions?token=${adminToken}&passphrase=${passphrase}` },
      stored: false,
    },
  ];
}

describe('chaos: the bad-input corpus', () => {
  const system = useChaosSystem('bad-input');

  it('when hostile bodies, bytes and secrets arrive then none gets a 5xx, each is stored, the service still answers and no secret is kept', async () => {
    const { webhook, secrets, db, load } = system();
    const port = Number(new URL(webhook.baseUrl).port);
    const problems: string[] = [];
    const accepted: string[] = [];
    const outcomes: Record<string, number | string> = {};
    for (const input of corpus(secrets, load.answers().length.toString(36) + Date.now().toString(36))) {
      const answer = await rawRequest(port, input.request);
      outcomes[input.name] = answer.status ?? `no answer: ${answer.error}`;
      if (answer.status === undefined || answer.status >= 500) {
        problems.push(
          `${input.name}: answered ${answer.status ?? `nothing (${answer.error})`} ${answer.body.slice(0, 160)}`,
        );
        continue;
      }
      if (input.status !== undefined && answer.status !== input.status) {
        problems.push(
          `${input.name}: answered ${answer.status}, expected ${input.status}: ${answer.body.slice(0, 160)}`,
        );
      }
      if (input.stored === false) continue;
      const alertId = alertIdOf(answer.body);
      const { rows } = alertId
        ? await db.query('SELECT status FROM alerts WHERE id = $1', [alertId])
        : { rows: [] as unknown[] };
      if (rows.length !== 1)
        problems.push(`${input.name}: answered ${answer.status} but not stored (alert id ${alertId})`);
      if (answer.status === 202 && alertId) accepted.push(alertId);
    }
    const health = await fetch(`${webhook.baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) }).catch(
      () => undefined,
    );
    if (health?.status !== 200)
      problems.push(`/healthz answered ${health?.status ?? 'nothing'} after the corpus`);
    const after = await load.burst(5, 5);
    const notAccepted = after.filter((answer) => answer.status !== 202);
    if (notAccepted.length > 0)
      problems.push(`after the corpus ${notAccepted.length} of 5 valid alerts were not answered 202`);

    const summary = await system().finish({
      faultEndedAtMs: Date.now(),
      timeoutMs: 60_000,
      moreAcceptedIds: accepted,
      problems,
      details: { outcomes },
    });
    expect(summary.problems).toEqual([]);
  });
});
