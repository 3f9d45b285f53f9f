import { describe, expect, it } from 'vitest';
import { hooklineBody } from './support/alert-bodies.js';
import { PASSPHRASE, useIngressDatabase } from './support/ingress-harness.js';

const ingress = useIngressDatabase();

describe('POST /webhook keeps the passphrase out of the log', () => {
  it('when the passphrase comes in the query, a header and the body, accepted or refused, then no log line holds it', async () => {
    const subject = ingress();

    await subject.app.inject({
      method: 'POST',
      url: `/webhook?passphrase=${PASSPHRASE}&secret=${PASSPHRASE}`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${PASSPHRASE}` },
      payload: hooklineBody(),
    });
    await subject.post(hooklineBody({ passphrase: `${PASSPHRASE}-wrong` }));
    await subject.post(`{"passphrase": "${PASSPHRASE}", "ticker": BTC}`); // malformed JSON
    await subject.post(
      Buffer.concat([Buffer.from(`{"passphrase":"${PASSPHRASE}","x":"`), Buffer.from([0, 0xff])]),
    );

    const log = subject.logLines.join('\n');
    expect(log).toContain('passphrase=[redacted]&secret=[redacted]');
    expect(log).not.toContain(PASSPHRASE);
    expect(await subject.rows()).toHaveLength(4);
  });
});
