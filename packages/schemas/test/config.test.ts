import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, renderEnvExample, SECRET_KEYS } from '../src/index.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseConfig', () => {
  it('when nothing is set then the embedded paper defaults apply', () => {
    const config = parseConfig({});
    expect(config.MODE).toBe('paper');
    expect(config.PORT).toBe(3000);
    expect(config.DATA_DIR).toBe('./.data');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.HOOKLINE_AUTO_MIGRATE).toBe(true);
  });

  it('when values are given then they are parsed to their types', () => {
    const config = parseConfig({
      PORT: '8080',
      HOOKLINE_AUTO_MIGRATE: 'no',
      DATABASE_URL: 'postgresql://u:p@db:5432/hookline',
      REDIS_URL: 'redis://cache:6379',
    });
    expect(config).toMatchObject({ PORT: 8080, HOOKLINE_AUTO_MIGRATE: false });
    expect(config.DATABASE_URL).toBe('postgresql://u:p@db:5432/hookline');
  });

  it('when a value is empty then it counts as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: ' ' }).PORT).toBe(3000);
  });

  it('when the result is returned then it is frozen', () => {
    const config = parseConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { PORT: number }).PORT = 1;
    }).toThrow(TypeError);
  });

  it('when several values are wrong then every problem is reported at once', () => {
    const problems = problemsOf({
      MODE: 'papr',
      PORT: '99999',
      DATABASE_URL: 'mysql://x',
      HOOKLINE_LOG_LEVEL: 'loud',
      HOOKLINE_SHUTDOWN_TIMEOUT_MS: '1.5',
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'MODE',
      'DATABASE_URL',
      'PORT',
      'HOOKLINE_LOG_LEVEL',
      'HOOKLINE_SHUTDOWN_TIMEOUT_MS',
    ]);
    expect(problems.join('\n')).toMatch(/PORT: .*got "99999"/);
  });

  it('when an unknown HOOKLINE_ key is set then it is refused with the nearest known key', () => {
    const problems = problemsOf({ HOOKLINE_LOG_LEVLE: 'info', HOOKLINE_NOTHING_LIKE_IT: '1' });
    expect(problems).toEqual([
      'HOOKLINE_LOG_LEVLE: unknown key (did you mean HOOKLINE_LOG_LEVEL?)',
      'HOOKLINE_NOTHING_LIKE_IT: unknown key',
    ]);
  });

  it('when unrelated environment keys exist then they are ignored', () => {
    expect(() => parseConfig({ PATH: '/usr/bin', HOME: '/root', NODE_ENV: 'test' })).not.toThrow();
  });

  it('when live mode lacks exchange keys then both are named', () => {
    expect(problemsOf({ MODE: 'live' })).toEqual([
      'EXCHANGE_API_KEY: required when MODE=live',
      'EXCHANGE_API_SECRET: required when MODE=live',
    ]);
  });

  it('when a secret is invalid then its value is not echoed in the error', () => {
    const problems = problemsOf({ WEBHOOK_PASSPHRASE: 'short-pass' });
    expect(problems[0]).toMatch(/^WEBHOOK_PASSPHRASE: must be at least 12 characters/);
    expect(problems.join()).not.toContain('short-pass');
  });

  it('when listing secrets then credentials and URLs with passwords are included', () => {
    expect(SECRET_KEYS).toEqual(
      expect.arrayContaining([
        'DATABASE_URL',
        'REDIS_URL',
        'EXCHANGE_API_KEY',
        'EXCHANGE_API_SECRET',
        'WEBHOOK_PASSPHRASE',
        'ADMIN_TOKEN',
      ]),
    );
  });
});

describe('.env.example', () => {
  it('when compared with the configuration keys then it documents every key, default and meaning', () => {
    const committed = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    expect(committed).toBe(renderEnvExample());
  });

  it('when parsed as an environment then it is a valid configuration', () => {
    expect(() => parseConfig(Object.fromEntries(envPairs(renderEnvExample())))).not.toThrow();
  });
});

function envPairs(text: string): Array<[string, string]> {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
}
