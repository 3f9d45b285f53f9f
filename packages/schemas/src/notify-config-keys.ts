import { z } from 'zod';
import type { ConfigKey } from './config-key.js';
import { envInteger, envList, envUrl } from './env-types.js';

/** The trading events a notification can be sent for (docs/operations.md "Notifications"). */
export const NOTIFY_EVENT_KINDS = [
  'fill',
  'exit.started',
  'exit.finished',
  'stop.fired',
  'daily_loss.tripped',
  'cap.halted',
  'circuit.opened',
  'circuit.closed',
  'reconcile.mismatch',
  'data.stale',
  'data.frozen',
  'exit.price_capped',
  'daily.summary',
] as const;

/** One kind of trading event. */
export type NotifyEventKind = (typeof NOTIFY_EVENT_KINDS)[number];

/** Every kind but fills: what goes out unless HOOKLINE_NOTIFY_EVENTS says otherwise. */
export const DEFAULT_NOTIFY_EVENTS: readonly NotifyEventKind[] = NOTIFY_EVENT_KINDS.filter(
  (kind) => kind !== 'fill',
);

const TELEGRAM_TOKEN = /^\d{3,}:[A-Za-z0-9_-]{20,}$/;
const TELEGRAM_CHAT = /^(-?\d+|@[A-Za-z0-9_]{5,})$/;
const EMAIL = /^[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+$/;

/** `default`, `all`, or a comma-separated list of event kinds; every unknown kind is reported. */
export const envNotifyEvents = envList.transform((items, context): readonly NotifyEventKind[] => {
  if (items.length === 1 && items[0] === 'all') return NOTIFY_EVENT_KINDS;
  if (items.length === 1 && items[0] === 'default') return DEFAULT_NOTIFY_EVENTS;
  const known = new Set<string>(NOTIFY_EVENT_KINDS);
  for (const item of items) {
    if (!known.has(item)) {
      context.addIssue({
        code: 'custom',
        message: `unknown event "${item}" (expected default, all, or some of ${NOTIFY_EVENT_KINDS.join(', ')})`,
      });
    }
  }
  return items.filter((item): item is NotifyEventKind => known.has(item));
});

const envEmailList = envList.refine((items) => items.length > 0 && items.every((item) => EMAIL.test(item)), {
  error: 'expected one or more e-mail addresses separated by commas',
});

/**
 * Where trading events are sent (docs/operations.md "Notifications"): Telegram, Discord, Slack, a
 * generic JSON webhook and e-mail over SMTP; a channel is on when its keys are set.
 */
export const NOTIFY_CONFIG_KEYS = {
  HOOKLINE_NOTIFY_TELEGRAM_TOKEN: {
    schema: z.string().trim().regex(TELEGRAM_TOKEN, {
      error: 'expected a Telegram bot token as BotFather gives it, digits:letters (e.g. 123456:ABC-...)',
    }),
    secret: true,
    description:
      'Telegram bot token (from @BotFather). With HOOKLINE_NOTIFY_TELEGRAM_CHAT_ID, trading events are sent to that chat.',
  },
  HOOKLINE_NOTIFY_TELEGRAM_CHAT_ID: {
    schema: z.string().trim().regex(TELEGRAM_CHAT, {
      error: 'expected a numeric chat id (e.g. -1001234567890) or a @channelname',
    }),
    description: 'The Telegram chat (numeric id, negative for groups, or @channel) the bot writes to.',
  },
  HOOKLINE_NOTIFY_TELEGRAM_API_URL: {
    schema: envUrl(['https', 'http']),
    default: 'https://api.telegram.org',
    description:
      'Telegram Bot API base URL (tests point it at a local stand-in); messages go to <url>/bot<token>/sendMessage.',
  },
  HOOKLINE_NOTIFY_DISCORD_WEBHOOK_URL: {
    schema: envUrl(['https', 'http']),
    secret: true,
    description:
      "A Discord channel's webhook URL (Channel settings → Integrations → Webhooks); it holds its token.",
  },
  HOOKLINE_NOTIFY_SLACK_WEBHOOK_URL: {
    schema: envUrl(['https', 'http']),
    secret: true,
    description: 'A Slack incoming-webhook URL (https://hooks.slack.com/services/...); it holds its token.',
  },
  HOOKLINE_NOTIFY_WEBHOOK_URL: {
    schema: envUrl(['https', 'http']),
    secret: true,
    description:
      'A generic webhook: each event is POSTed as one JSON object with event, id, time, text and the event fields.',
  },
  HOOKLINE_NOTIFY_SMTP_HOST: {
    schema: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.-]+$/, { error: 'expected a host name or IP address' }),
    description: 'SMTP server for e-mail notifications (with HOOKLINE_NOTIFY_SMTP_FROM and _TO).',
  },
  HOOKLINE_NOTIFY_SMTP_PORT: {
    schema: envInteger(1, 65_535),
    default: '587',
    description: 'SMTP port: 465 is TLS from the start, any other port upgrades with STARTTLS when offered.',
  },
  HOOKLINE_NOTIFY_SMTP_USER: {
    schema: z.string().trim().min(1),
    description: 'SMTP user name (unset: no authentication).',
  },
  HOOKLINE_NOTIFY_SMTP_PASSWORD: {
    schema: z.string().min(1),
    secret: true,
    description: 'SMTP password of HOOKLINE_NOTIFY_SMTP_USER.',
  },
  HOOKLINE_NOTIFY_SMTP_FROM: {
    schema: z.string().trim().regex(EMAIL, { error: 'expected an e-mail address' }),
    description: 'Sender address of notification e-mails.',
  },
  HOOKLINE_NOTIFY_SMTP_TO: {
    schema: envEmailList,
    description: 'Recipients of notification e-mails, comma-separated.',
  },
  HOOKLINE_NOTIFY_EVENTS: {
    schema: envNotifyEvents,
    default: 'default',
    description: `Which trading events are sent: default (every event but fills), all, or a comma-separated list of ${NOTIFY_EVENT_KINDS.join(', ')}.`,
  },
  HOOKLINE_NOTIFY_RATE_PER_MINUTE: {
    schema: envInteger(1, 600),
    default: '20',
    description:
      'Messages per minute per channel at most; more wait in the queue (Telegram allows about 20 a minute in a group).',
  },
  HOOKLINE_NOTIFY_SUMMARY_HOUR_UTC: {
    schema: z.union([z.literal('off'), envInteger(0, 23)], { error: 'expected an hour 0-23 or off' }),
    default: '0',
    description:
      'UTC hour of the daily summary (realised P&L, fees, trades of the 24 hours before, open positions); off: none.',
  },
} as const satisfies Record<string, ConfigKey>;

type Values = Readonly<Record<string, unknown>>;

/**
 * The rules between the notification keys (a channel needs all of its keys); every problem is named.
 * `given` says whether a key was set at all: a key set to a bad value is reported by its own schema,
 * not again as missing.
 */
export function notifyConfigProblems(
  values: Values,
  given: (key: string) => boolean = (key) => values[key] !== undefined,
): string[] {
  const problems: string[] = [];
  const has = (key: keyof typeof NOTIFY_CONFIG_KEYS) => values[key] !== undefined || given(key);
  const together = (keys: readonly (keyof typeof NOTIFY_CONFIG_KEYS)[], channel: string) => {
    if (!keys.some(has)) return;
    for (const key of keys.filter((candidate) => !has(candidate)))
      problems.push(
        `${key}: required when ${channel} notifications are configured (${keys.filter(has).join(', ')} set)`,
      );
  };
  together(['HOOKLINE_NOTIFY_TELEGRAM_TOKEN', 'HOOKLINE_NOTIFY_TELEGRAM_CHAT_ID'], 'Telegram');
  together(['HOOKLINE_NOTIFY_SMTP_HOST', 'HOOKLINE_NOTIFY_SMTP_FROM', 'HOOKLINE_NOTIFY_SMTP_TO'], 'e-mail');
  if (has('HOOKLINE_NOTIFY_SMTP_PASSWORD') && !has('HOOKLINE_NOTIFY_SMTP_USER'))
    problems.push('HOOKLINE_NOTIFY_SMTP_USER: required when HOOKLINE_NOTIFY_SMTP_PASSWORD is set');
  return problems;
}
