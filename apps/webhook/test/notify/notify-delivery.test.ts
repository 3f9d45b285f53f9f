// Delivery of trading events to real receivers on loopback: the Telegram Bot API stand-in, Discord,
// Slack, a generic webhook (one node:http server) and an SMTP sink (smtp-server), through BullMQ on
// the test Redis. Nothing is mocked: the messages cross real sockets.
import { randomBytes } from 'node:crypto';
import { dec } from '@hookline/core';
import { createLogger } from '@hookline/runtime';
import { parseConfig } from '@hookline/schemas';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.js';
import { NotifyReceiver, SmtpSink } from '../../../../test/support/notify-receiver.js';
import { notifyChannelsFromConfig } from '../../src/notify/notify-channels.js';
import { NotifyDelivery } from '../../src/notify/notify-delivery.js';
import { exitFinishedEvent, exitStartedEvents } from '../../src/notify/trading-event.js';

const logger = createLogger({ level: 'silent', service: 'test' });
const TOKEN = '123456789:AAHtestTokenForTheBotApiStandIn_x';
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function receivers() {
  const http = await NotifyReceiver.start();
  const smtp = await SmtpSink.start();
  cleanups.push(
    () => http.close(),
    () => smtp.close(),
  );
  return { http, smtp };
}

function envFor(http: NotifyReceiver, smtp: SmtpSink): Record<string, string> {
  return {
    HOOKLINE_NOTIFY_TELEGRAM_TOKEN: TOKEN,
    HOOKLINE_NOTIFY_TELEGRAM_CHAT_ID: '-1001234567890',
    HOOKLINE_NOTIFY_TELEGRAM_API_URL: http.url,
    HOOKLINE_NOTIFY_DISCORD_WEBHOOK_URL: `${http.url}/discord/webhooks/1/discord-secret`,
    HOOKLINE_NOTIFY_SLACK_WEBHOOK_URL: `${http.url}/slack/services/T0/B0/slack-secret`,
    HOOKLINE_NOTIFY_WEBHOOK_URL: `${http.url}/hook`,
    HOOKLINE_NOTIFY_SMTP_HOST: '127.0.0.1',
    HOOKLINE_NOTIFY_SMTP_PORT: String(smtp.port),
    HOOKLINE_NOTIFY_SMTP_USER: 'hookline',
    HOOKLINE_NOTIFY_SMTP_PASSWORD: 'smtp-secret',
    HOOKLINE_NOTIFY_SMTP_FROM: 'hookline@example.com',
    HOOKLINE_NOTIFY_SMTP_TO: 'trader@example.com,desk@example.com',
  };
}

function delivery(
  env: Record<string, string>,
  redis: Redis,
  settings: { attempts?: number; backoffMs?: number } = {},
) {
  const config = parseConfig(env);
  const subject = new NotifyDelivery({
    redis,
    prefix: `test-${randomBytes(6).toString('hex')}`,
    channels: notifyChannelsFromConfig(config),
    logger,
    settings: {
      events: config.HOOKLINE_NOTIFY_EVENTS,
      perMinute: config.HOOKLINE_NOTIFY_RATE_PER_MINUTE,
      ...settings,
    },
  });
  cleanups.push(() => subject.close());
  return subject;
}

function testRedis(): Redis {
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  cleanups.push(async () => {
    await redis.quit();
  });
  return redis;
}

const finished = exitFinishedEvent({
  symbol: 'BTC/USD',
  reason: 'HARD_STOP',
  outcome: 'SOLD',
  decisionId: '0190a000-0000-7000-8000-000000000001',
  at: new Date('2024-05-01T12:05:00Z'),
  amount: dec('0.01'),
  averagePrice: dec('56000.5'),
  proceeds: dec('560.005'),
  fees: dec('1.12'),
  pnl: dec('-41.23'),
});

describe('notification delivery', () => {
  it('when an exit finishes then every channel gets one message with its reason, average price and P&L', async () => {
    const { http, smtp } = await receivers();
    const subject = delivery(envFor(http, smtp), testRedis());

    subject.publish(finished);

    await eventually(async () => http.requests.length === 4 && smtp.mails.length === 1, {
      what: 'four HTTP messages and one e-mail',
    });
    const [telegram] = http.at(`/bot${TOKEN}/sendMessage`);
    expect(telegram?.body).toMatchObject({ chat_id: '-1001234567890' });
    for (const text of [
      telegram?.body.text,
      http.at('/discord/webhooks/1/discord-secret')[0]?.body.content,
      http.at('/slack/services/T0/B0/slack-secret')[0]?.body.text,
    ]) {
      expect(text).toContain('Exit finished: BTC/USD (HARD_STOP, SOLD)');
      expect(text).toContain('average price 56000.5');
      expect(text).toContain('P&L -41.23 USD');
    }
    expect(http.at('/hook')[0]?.body).toMatchObject({
      event: 'exit.finished',
      id: finished.id,
      time: '2024-05-01T12:05:00.000Z',
      symbol: 'BTC/USD',
      reason: 'HARD_STOP',
      outcome: 'SOLD',
      averagePrice: '56000.5',
      pnlUsd: '-41.23',
      text: expect.stringContaining('P&L -41.23 USD'),
    });
    const [mail] = smtp.mails;
    expect(mail).toMatchObject({
      from: 'hookline@example.com',
      to: ['trader@example.com', 'desk@example.com'],
      user: 'hookline',
    });
    // The body is quoted-printable: soft line breaks joined again.
    const raw = (mail?.raw ?? '').replace(/=\r?\n/g, '');
    expect(raw).toContain('Subject: Hookline: Exit finished: BTC/USD (HARD_STOP, SOLD)');
    expect(raw).toContain('average price 56000.5');
    await eventually(async () => subject.status.all().every((channel) => channel.sent === 1), {
      what: 'every channel counted sent',
    });
  });

  it('when the same event is published twice then each channel gets one message', async () => {
    const { http, smtp } = await receivers();
    const env = envFor(http, smtp);
    const subject = delivery(
      { HOOKLINE_NOTIFY_WEBHOOK_URL: env.HOOKLINE_NOTIFY_WEBHOOK_URL ?? '' },
      testRedis(),
    );
    const [stop, started] = exitStartedEvents({
      symbol: 'BTC/USD',
      reason: 'HARD_STOP',
      amount: dec('0.01'),
      decisionId: 'decision-1',
      at: new Date('2024-05-01T12:00:00Z'),
    });

    if (stop === undefined || started === undefined) throw new Error('a hard stop is two events');

    subject.publish(started);
    subject.publish(started);
    await subject.flush();
    subject.publish(started);
    subject.publish(stop);

    await eventually(async () => http.requests.length === 2, { what: 'two messages' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(http.requests.map((request) => request.body.event).sort()).toEqual(['exit.started', 'stop.fired']);
  });

  it('when a receiver keeps failing then the message is retried and reported failed, with no secret in it', async () => {
    const { http } = await receivers();
    http.status = 500;
    const url = `${http.url}/discord/webhooks/1/discord-secret`;
    const subject = delivery({ HOOKLINE_NOTIFY_DISCORD_WEBHOOK_URL: url }, testRedis(), {
      attempts: 3,
      backoffMs: 20,
    });

    subject.publish(finished);

    await eventually(async () => subject.status.of('discord').failed === 1, { what: 'discord failed' });
    expect(http.requests).toHaveLength(3);
    const check = await subject.status.readiness().run();
    expect(check.ok).toBe(false);
    expect(JSON.stringify(check.detail)).toContain('discord answered HTTP 500');
    expect(JSON.stringify(check.detail)).not.toContain('discord-secret');
    expect(subject.status.readiness().critical).toBe(false);
  });

  it('when a receiver refuses the token (401) then the message is not retried', async () => {
    const { http } = await receivers();
    http.status = 401;
    const subject = delivery(
      {
        HOOKLINE_NOTIFY_TELEGRAM_TOKEN: TOKEN,
        HOOKLINE_NOTIFY_TELEGRAM_CHAT_ID: '42',
        HOOKLINE_NOTIFY_TELEGRAM_API_URL: http.url,
      },
      testRedis(),
      { attempts: 5, backoffMs: 20 },
    );

    subject.publish(finished);

    await eventually(async () => subject.status.of('telegram').failed === 1, { what: 'telegram failed' });
    expect(http.requests).toHaveLength(1);
    expect(subject.status.of('telegram').lastFailure?.error).toBe('telegram answered HTTP 401');
  });

  it('when Redis cannot be reached then publishing returns at once and throws nothing', async () => {
    const down = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: null,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    down.on('error', () => undefined);
    cleanups.push(async () => {
      down.disconnect();
    });
    const subject = new NotifyDelivery({
      redis: down,
      prefix: 'test-down',
      channels: notifyChannelsFromConfig(
        parseConfig({ HOOKLINE_NOTIFY_WEBHOOK_URL: 'http://127.0.0.1:1/hook' }),
      ),
      logger,
      settings: { events: ['exit.finished'], perMinute: 10 },
    });

    const started = Date.now();
    expect(() => subject.publish(finished)).not.toThrow();
    expect(Date.now() - started).toBeLessThan(50);
    await subject.flush();
  });
});
