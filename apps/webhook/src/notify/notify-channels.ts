// The channels a trading event can be sent to, built from the configuration: Telegram (Bot API
// sendMessage), Discord and Slack (incoming webhooks), a generic JSON webhook, and e-mail over SMTP
// (nodemailer). A channel is on when its keys are set; a send throws on anything but success, and
// its error never carries a secret (the URL or token is not put in it; notify-redaction.ts cleans
// what a library says).
import type { Config } from '@hookline/schemas';
import nodemailer from 'nodemailer';
import { eventText, eventTitle } from './event-text.js';
import type { TradingEvent } from './trading-event.js';

/** The channels' names, as the metrics and /readyz show them. */
export type ChannelName = 'telegram' | 'discord' | 'slack' | 'webhook' | 'email';

/** One place messages go. */
export interface NotifyChannel {
  readonly name: ChannelName;
  /** Sends one event; rejects when it was not accepted. */
  send(event: TradingEvent): Promise<void>;
  /** The secrets of this channel (to redact from errors). */
  readonly secrets: readonly string[];
  close?(): void;
}

/** A send that no retry will fix (a 4xx other than 408 and 429: the token or URL is wrong). */
export class PermanentSendError extends Error {}

const SEND_TIMEOUT_MS = 10_000;
/** Discord refuses content over 2,000 characters; Telegram over 4,096. */
const DISCORD_LIMIT = 2_000;
const TELEGRAM_LIMIT = 4_096;

async function postJson(channel: ChannelName, url: string, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  await response.body?.cancel();
  if (response.ok) return;
  const message = `${channel} answered HTTP ${response.status}`;
  const permanent = response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status);
  throw permanent ? new PermanentSendError(message) : new Error(message);
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** The JSON of the generic webhook: event, id, time, text, title and every field of the event. */
export function webhookBodyOf(event: TradingEvent): Record<string, unknown> {
  const { kind, ...fields } = event;
  return { event: kind, ...fields, title: eventTitle(event), text: eventText(event) };
}

/** Every channel the configuration turns on (none: notifications are off). */
export function notifyChannelsFromConfig(config: Config): NotifyChannel[] {
  const channels: NotifyChannel[] = [];
  const token = config.HOOKLINE_NOTIFY_TELEGRAM_TOKEN;
  const chatId = config.HOOKLINE_NOTIFY_TELEGRAM_CHAT_ID;
  if (token !== undefined && chatId !== undefined) {
    const base = config.HOOKLINE_NOTIFY_TELEGRAM_API_URL.replace(/\/+$/, '');
    channels.push({
      name: 'telegram',
      secrets: [token],
      send: (event) =>
        postJson('telegram', `${base}/bot${token}/sendMessage`, {
          chat_id: chatId,
          text: clip(eventText(event), TELEGRAM_LIMIT),
          disable_web_page_preview: true,
        }),
    });
  }
  const discord = config.HOOKLINE_NOTIFY_DISCORD_WEBHOOK_URL;
  if (discord !== undefined) {
    channels.push({
      name: 'discord',
      secrets: [discord],
      send: (event) => postJson('discord', discord, { content: clip(eventText(event), DISCORD_LIMIT) }),
    });
  }
  const slack = config.HOOKLINE_NOTIFY_SLACK_WEBHOOK_URL;
  if (slack !== undefined) {
    channels.push({
      name: 'slack',
      secrets: [slack],
      send: (event) => postJson('slack', slack, { text: eventText(event) }),
    });
  }
  const webhook = config.HOOKLINE_NOTIFY_WEBHOOK_URL;
  if (webhook !== undefined) {
    channels.push({
      name: 'webhook',
      secrets: [webhook],
      send: (event) => postJson('webhook', webhook, webhookBodyOf(event)),
    });
  }
  const email = emailChannel(config);
  if (email !== undefined) channels.push(email);
  return channels;
}

function emailChannel(config: Config): NotifyChannel | undefined {
  const host = config.HOOKLINE_NOTIFY_SMTP_HOST;
  const from = config.HOOKLINE_NOTIFY_SMTP_FROM;
  const to = config.HOOKLINE_NOTIFY_SMTP_TO;
  if (host === undefined || from === undefined || to === undefined) return undefined;
  const user = config.HOOKLINE_NOTIFY_SMTP_USER;
  const password = config.HOOKLINE_NOTIFY_SMTP_PASSWORD;
  const port = config.HOOKLINE_NOTIFY_SMTP_PORT;
  const transport = nodemailer.createTransport({
    host,
    port,
    secure: port === 465,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
    ...(user === undefined ? {} : { auth: { user, pass: password ?? '' } }),
  });
  return {
    name: 'email',
    secrets: password === undefined ? [] : [password],
    send: async (event) => {
      await transport.sendMail({
        from,
        to: [...to],
        subject: `Hookline: ${eventTitle(event)}`,
        text: eventText(event),
      });
    },
    close: () => transport.close(),
  };
}
