// A held position whose quote goes stale: the sentinel's STALE_DATA record (once per repeat interval)
// is also a `data.stale` message, delivered over real HTTP to a local receiver.
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { NotifyReceiver } from '../../../../test/support/notify-receiver.js';
import { RecordingExits, useSentinelHarness } from '../exits/sentinel-harness.js';

const BTC = 'BTC/USD';
const receivers: NotifyReceiver[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.close();
});

describe('stale market data notifications', () => {
  const harness = useSentinelHarness();

  it('when a held position has stale market data over several sweeps then one data.stale message names it', async () => {
    const hook = await NotifyReceiver.start();
    receivers.push(hook);
    const h = await harness();
    await h.fill('buy', BTC, '0.01', '60000');
    h.quote({ [BTC]: '60000' });
    const sentinel = await h.sentinel({
      exits: new RecordingExits(),
      env: { HOOKLINE_NOTIFY_WEBHOOK_URL: `${hook.url}/hook` },
    });

    h.advance(16_000); // the quote is now older than 15 s
    for (let sweep = 0; sweep < 4; sweep += 1) {
      await sentinel.sweepOnce();
      h.advance(3_000);
    }

    await eventually(async () => hook.requests.length > 0, { what: 'the data.stale message' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hook.requests.map((request) => request.body)).toEqual([
      expect.objectContaining({
        event: 'data.stale',
        symbol: BTC,
        text: expect.stringContaining('Market data stale: BTC/USD'),
      }),
    ]);
  });
});
