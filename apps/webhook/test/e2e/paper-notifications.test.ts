// Notifications from a whole paper system: POST /webhook → BullMQ → paper venue → fills → ledger
// (real Postgres, real Redis), the sentinel's hard stop, and the events delivered to local receivers
// over real HTTP. A failing channel never holds a trade back.
import { readOpenPositions, storeOf } from '@hookline/store';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { NotifyReceiver } from '../../../../test/support/notify-receiver.js';
import { buildDailySummary } from '../../src/notify/daily-summary.js';
import {
  buyAlertBody,
  READ_TOKEN,
  SYMBOL,
  type TradingUnderTest,
  useTradingHarness,
} from '../support/trading-harness.js';

const receivers: NotifyReceiver[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.close();
});

async function receiver(): Promise<NotifyReceiver> {
  const started = await NotifyReceiver.start();
  receivers.push(started);
  return started;
}

async function positionOf(subject: TradingUnderTest): Promise<string> {
  const positions = await readOpenPositions(storeOf(subject.database.prisma), { account: 'default' });
  return positions.find((position) => position.symbol === SYMBOL)?.amount.toString() ?? '0';
}

async function openPosition(subject: TradingUnderTest, id: string, base: string): Promise<void> {
  expect((await subject.post(buyAlertBody(id, { size: { base } }))).statusCode).toBe(202);
  await eventually(async () => ((await positionOf(subject)) === base ? true : undefined), {
    what: `a ${base} BTC position`,
  });
}

describe('paper mode, notifications', () => {
  const harness = useTradingHarness();

  it('when a paper position hits its hard stop then a stop and an exit notification say the reason, average price and P&L', async () => {
    const hook = await receiver();
    const subject = await harness({ env: { HOOKLINE_NOTIFY_WEBHOOK_URL: `${hook.url}/hook` } });
    await openPosition(subject, 'open-1', '0.01');

    subject.venue.quote('56000', '56000.01'); // −6.7 %: beyond the 5 % hard stop
    await subject.system.sentinel.sweepOnce();
    await eventually(
      async () => {
        await subject.pipeline.fills.idle();
        await subject.system.sentinel.exits.advance();
        // Each event is its own delivery job: they may arrive in any order.
        const delivered = new Set(hook.requests.map((request) => request.body.event));
        return ['stop.fired', 'exit.started', 'exit.finished'].every((event) => delivered.has(event));
      },
      { what: 'the stop.fired, exit.started and exit.finished notifications', timeoutMs: 30_000 },
    );

    const events = hook.requests.map((request) => request.body);
    expect(events.find((event) => event.event === 'stop.fired')).toMatchObject({
      stop: 'hard',
      reason: 'HARD_STOP',
      symbol: SYMBOL,
      amount: '0.01',
      text: expect.stringContaining('Hard stop fired: BTC/USD'),
    });
    expect(events.find((event) => event.event === 'exit.started')).toMatchObject({ reason: 'HARD_STOP' });
    const finished = events.find((event) => event.event === 'exit.finished');
    expect(finished).toMatchObject({ reason: 'HARD_STOP', outcome: 'SOLD', symbol: SYMBOL, amount: '0.01' });
    expect(Number(finished?.averagePrice)).toBeGreaterThan(50_000);
    expect(Number(finished?.averagePrice)).toBeLessThanOrEqual(56_000);
    expect(Number(finished?.pnlUsd)).toBeLessThan(0);
    expect(finished?.text).toContain(`average price ${finished?.averagePrice}`);
    expect(finished?.text).toContain(`P&L ${finished?.pnlUsd} USD`);
    // No fill messages: fills are not among the default events.
    expect(events.filter((event) => event.event === 'fill')).toEqual([]);

    // The day's summary reads the same ledger: the exit's P&L, the buy and the sell fills, no position.
    const summary = await buildDailySummary(
      storeOf(subject.database.prisma),
      'default',
      new Date(subject.venue.clock.nowMs() + 1_000),
    );
    expect(summary).toMatchObject({
      kind: 'daily.summary',
      trades: 2,
      openPositions: 0,
      realizedPnlUsd: finished?.pnlUsd,
    });
  });

  it('when the exchange reports the stop sold before the fill stream delivers its fill then exit.finished waits and carries the sale', async () => {
    const hook = await receiver();
    const subject = await harness({ env: { HOOKLINE_NOTIFY_WEBHOOK_URL: `${hook.url}/hook` } });
    await openPosition(subject, 'open-1', '0.01');

    subject.venue.exchange.faults.disconnectStream('user', 600_000);
    subject.venue.quote('56000', '56000.01');
    // The sale fills at the venue; the exit learns it from the order's state while no fill has arrived.
    await eventually(
      async () => {
        await subject.system.sentinel.sweepOnce();
        await subject.system.sentinel.exits.advance();
        const listed = await subject.app.inject({
          method: 'GET',
          url: '/api/exits',
          headers: { authorization: `Bearer ${READ_TOKEN}` },
        });
        const exits = (listed.json() as { items: Array<{ outcome: string | null }> }).items;
        return exits[0]?.outcome === 'SOLD' ? true : undefined;
      },
      { what: 'the exit over as SOLD', timeoutMs: 20_000 },
    );
    expect(hook.requests.some((request) => request.body.event === 'exit.finished')).toBe(false);

    subject.venue.exchange.faults.reconnectStream('user');
    subject.venue.quote('56000', '56000.01');
    await eventually(
      async () => {
        await subject.pipeline.fills.idle();
        return hook.requests.find((request) => request.body.event === 'exit.finished')?.body;
      },
      { what: 'the exit.finished notification', timeoutMs: 30_000 },
    );
    const finished = hook.requests.find((request) => request.body.event === 'exit.finished')?.body;
    expect(finished).toMatchObject({ reason: 'HARD_STOP', outcome: 'SOLD', amount: '0.01' });
    expect(Number(finished?.averagePrice)).toBeGreaterThan(50_000);
  });

  it('when a channel keeps failing then the trade still completes and /readyz and /metrics report the channel failed', async () => {
    const good = await receiver();
    const bad = await receiver();
    bad.status = 503;
    const subject = await harness({
      env: {
        HOOKLINE_NOTIFY_EVENTS: 'all',
        HOOKLINE_NOTIFY_WEBHOOK_URL: `${good.url}/hook`,
        HOOKLINE_NOTIFY_SLACK_WEBHOOK_URL: `${bad.url}/services/T0/B0/slack-secret`,
      },
      notify: { attempts: 2, backoffMs: 20 },
    });

    await openPosition(subject, 'open-1', '0.01');

    await eventually(async () => good.requests.some((request) => request.body.event === 'fill'), {
      what: 'the fill notification',
    });
    expect(good.requests.find((request) => request.body.event === 'fill')?.body).toMatchObject({
      side: 'BUY',
      symbol: SYMBOL,
      amount: '0.01',
    });
    await eventually(async () => subject.system.notifications.status?.of('slack').failed === 1, {
      what: 'slack reported failed',
    });
    expect(bad.requests).toHaveLength(2);
    const report = await subject.system.readiness.report();
    expect(report.checks.notifications).toMatchObject({ ok: false, detail: { failing: ['slack'] } });
    expect(JSON.stringify(report.checks.notifications)).not.toContain('slack-secret');
    const metrics = (
      await subject.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${READ_TOKEN}` },
      })
    ).body;
    expect(metrics).toContain('hookline_notifications_failed_total{channel="slack"} 1');
    expect(metrics).toContain('hookline_notifications_sent_total{channel="webhook"} 1');
    expect(metrics).toContain('hookline_open_positions{account="default"} 1');
    expect(metrics).toMatch(/hookline_exposure_usd\{account="default"\} 600\d*/);
    expect(metrics).toMatch(/hookline_equity_usd\{account="default"\} \d+/);
    expect(metrics).toMatch(/hookline_unrealized_pnl_usd\{account="default"\} -?\d/);
    expect(metrics).toContain('hookline_realized_pnl_usd{account="default"} 0');
  });
});
