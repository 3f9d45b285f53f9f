import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_NOTIFY_EVENTS, NOTIFY_EVENT_KINDS, parseConfig } from '../src/index.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

const TOKEN = '123456789:AAHtestTokenForTheBotApiStandIn_x';

describe('notification keys', () => {
  it('when nothing is set then no channel is on, every event but fills is chosen, 20 a minute, summary at 00 UTC', () => {
    const config = parseConfig({});
    expect(config.HOOKLINE_NOTIFY_TELEGRAM_TOKEN).toBeUndefined();
    expect(config.HOOKLINE_NOTIFY_EVENTS).toEqual(DEFAULT_NOTIFY_EVENTS);
    expect(config.HOOKLINE_NOTIFY_EVENTS).not.toContain('fill');
    expect(config.HOOKLINE_NOTIFY_RATE_PER_MINUTE).toBe(20);
    expect(config.HOOKLINE_NOTIFY_SUMMARY_HOUR_UTC).toBe(0);
    expect(config.HOOKLINE_NOTIFY_TELEGRAM_API_URL).toBe('https://api.telegram.org');
  });

  it.each([
    ['all', NOTIFY_EVENT_KINDS],
    ['fill, exit.finished', ['fill', 'exit.finished']],
    ['default', DEFAULT_NOTIFY_EVENTS],
  ])('when HOOKLINE_NOTIFY_EVENTS is %s then those events are chosen', (value, expected) => {
    expect(parseConfig({ HOOKLINE_NOTIFY_EVENTS: value }).HOOKLINE_NOTIFY_EVENTS).toEqual(expected);
  });

  it.each([
    ['HOOKLINE_NOTIFY_TELEGRAM_TOKEN', 'not-a-token', 'Telegram bot token'],
    ['HOOKLINE_NOTIFY_TELEGRAM_CHAT_ID', 'my chat', 'numeric chat id'],
    ['HOOKLINE_NOTIFY_TELEGRAM_API_URL', 'api.telegram.org', 'URL starting with https:// or http://'],
    ['HOOKLINE_NOTIFY_DISCORD_WEBHOOK_URL', 'discord.com/api/webhooks/1/x', 'URL starting with'],
    ['HOOKLINE_NOTIFY_SLACK_WEBHOOK_URL', 'ftp://hooks.slack.com/x', 'URL starting with'],
    ['HOOKLINE_NOTIFY_WEBHOOK_URL', 'not a url', 'URL starting with'],
    ['HOOKLINE_NOTIFY_SMTP_PORT', '70000', ''],
    ['HOOKLINE_NOTIFY_SMTP_TO', 'trader@example.com, nobody', 'e-mail addresses'],
    ['HOOKLINE_NOTIFY_EVENTS', 'exit.finished,stops', 'unknown event "stops"'],
    ['HOOKLINE_NOTIFY_SUMMARY_HOUR_UTC', '24', '<=23'],
  ])('when %s is %j then the start is refused naming the key', (key, value, says) => {
    const problems = problemsOf({ [key]: value });
    const problem = problems.find((text) => text.startsWith(`${key}:`));
    expect(problem, problems.join('\n')).toBeDefined();
    expect(problem).toContain(says);
  });

  it('when secret keys are bad then their values are not shown', () => {
    const problems = problemsOf({
      HOOKLINE_NOTIFY_TELEGRAM_TOKEN: 'leaky-token',
      HOOKLINE_NOTIFY_DISCORD_WEBHOOK_URL: 'leaky-url',
    });
    expect(problems.join('\n')).not.toContain('leaky');
  });

  it('when several channels are broken then every problem is reported at once', () => {
    const problems = problemsOf({
      HOOKLINE_NOTIFY_TELEGRAM_TOKEN: TOKEN,
      HOOKLINE_NOTIFY_SLACK_WEBHOOK_URL: 'hooks.slack.com/services/x',
      HOOKLINE_NOTIFY_SMTP_HOST: 'smtp.example.com',
      HOOKLINE_NOTIFY_SMTP_PASSWORD: 'secret',
    });
    expect(problems).toEqual([
      'HOOKLINE_NOTIFY_SLACK_WEBHOOK_URL: expected a URL starting with https:// or http://, got (secret value hidden)',
      'HOOKLINE_NOTIFY_TELEGRAM_CHAT_ID: required when Telegram notifications are configured (HOOKLINE_NOTIFY_TELEGRAM_TOKEN set)',
      'HOOKLINE_NOTIFY_SMTP_FROM: required when e-mail notifications are configured (HOOKLINE_NOTIFY_SMTP_HOST set)',
      'HOOKLINE_NOTIFY_SMTP_TO: required when e-mail notifications are configured (HOOKLINE_NOTIFY_SMTP_HOST set)',
      'HOOKLINE_NOTIFY_SMTP_USER: required when HOOKLINE_NOTIFY_SMTP_PASSWORD is set',
    ]);
  });
});
