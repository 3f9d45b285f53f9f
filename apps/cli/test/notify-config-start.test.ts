// Broken notification channels guard the real start: `pnpm hookline start webhook` with a malformed
// Telegram token, a Slack URL without a scheme and e-mail without its recipients refuses to start,
// naming every key, and never prints a secret.
import { describe, expect, it } from 'vitest';
import { cleanEnvironment, runCli } from './support/run-cli.js';

describe('pnpm hookline start webhook with broken notification channels', () => {
  it('when the token, a webhook URL and the e-mail keys are bad then it exits non-zero naming each key', async () => {
    const { code, output } = await runCli(
      ['start', 'webhook'],
      cleanEnvironment({
        HOOKLINE_NOTIFY_TELEGRAM_TOKEN: 'leaky-not-a-token',
        HOOKLINE_NOTIFY_TELEGRAM_CHAT_ID: '-100123',
        HOOKLINE_NOTIFY_SLACK_WEBHOOK_URL: 'hooks.slack.com/services/leaky',
        HOOKLINE_NOTIFY_SMTP_HOST: 'smtp.example.com',
        HOOKLINE_NOTIFY_SMTP_FROM: 'hookline@example.com',
      }),
    );
    expect(code).toBe(78); // EX_CONFIG
    expect(output).toContain('invalid configuration (3 problems)');
    expect(output).toContain('HOOKLINE_NOTIFY_TELEGRAM_TOKEN: expected a Telegram bot token');
    expect(output).toContain(
      'HOOKLINE_NOTIFY_SLACK_WEBHOOK_URL: expected a URL starting with https:// or http://',
    );
    expect(output).toContain('HOOKLINE_NOTIFY_SMTP_TO: required when e-mail notifications are configured');
    expect(output).not.toContain('leaky');
    expect(output).not.toContain('webhook started');
  }, 60_000);
});
