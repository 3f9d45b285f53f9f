import { Writable } from 'node:stream';
import { parseConfig } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';
import { createLogger, describeConfig, type LogFormat, resolveLogFormat } from '../src/index.js';

function capture(format: LogFormat = 'json') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', service: 'test', format }, stream) };
}

const secrets = {
  WEBHOOK_PASSPHRASE: 'passphrase-value-123',
  ADMIN_TOKEN: 'admin-token-value-1234567',
  EXCHANGE_API_KEY: 'api-key-value',
  EXCHANGE_API_SECRET: 'api-secret-value',
  DATABASE_URL: 'postgresql://hook:dbpassword@db:5432/hookline',
  MODE: 'live',
};

describe.each(['json', 'pretty'] as const)('logger redaction in %s format', (format) => {
  it.each([
    ['a config object', (config: object) => ({ config })],
    ['a config object nested in context', (config: object) => ({ context: { config } })],
  ])('when %s is logged then no secret value appears', (_name, shape) => {
    const { lines, logger } = capture(format);
    logger.info(shape(parseConfig(secrets)), 'started');
    const output = lines.join('');
    for (const value of Object.values(secrets).filter((value) => value !== 'live')) {
      expect(output).not.toContain(value);
    }
    expect(output).toContain('[redacted]');
  });

  it.each([
    ['passphrase', { body: { passphrase: 'p-1' } }, 'p-1'],
    ['nested strategy secret', { alert: { payload: { secret: 's-2' } } }, 's-2'],
    ['authorization header', { req: { headers: { authorization: 'Bearer t-3' } } }, 't-3'],
    ['admin header', { req: { headers: { 'x-admin-token': 't-4' } } }, 't-4'],
    ['top-level token', { token: 't-5' }, 't-5'],
  ])('when a %s is logged then it is censored', (_name, fields, value) => {
    const { lines, logger } = capture(format);
    logger.info(fields, 'event');
    expect(lines.join('')).not.toContain(value);
  });

  it('when a config is described then set secrets are masked and the rest is kept', () => {
    const described = describeConfig(parseConfig(secrets));
    expect(described).toMatchObject({ WEBHOOK_PASSPHRASE: '[redacted]', MODE: 'live', PORT: 3000 });
    expect(described.REDIS_URL).toBeUndefined();
  });
});

describe('log format', () => {
  it.each([
    ['auto', true, 'pretty'],
    ['auto', false, 'json'],
    ['auto', undefined, 'json'],
    ['pretty', false, 'pretty'],
    ['pretty', undefined, 'pretty'],
    ['json', true, 'json'],
  ] as const)('when the format is %s and isTTY is %s then lines are %s', (format, isTTY, expected) => {
    expect(resolveLogFormat(format, isTTY)).toBe(expected);
  });

  it('when the format is json then each line is a JSON object', () => {
    const { lines, logger } = capture('json');
    logger.info({ order: 'o-1' }, 'order placed');
    expect(JSON.parse(lines.join(''))).toMatchObject({ msg: 'order placed', order: 'o-1', service: 'test' });
  });

  it('when the format is pretty then the line is readable text with the message and fields, not JSON', () => {
    const { lines, logger } = capture('pretty');
    logger.info({ order: 'o-1' }, 'order placed');
    const output = lines.join('');
    expect(() => JSON.parse(output)).toThrow();
    expect(output).toMatch(/INFO.*order placed/);
    expect(output).toContain('order: "o-1"');
    // a stream that is not a terminal gets no colour codes
    expect(output).not.toContain('\u001b[');
  });

  it('when the format is auto and the stream is a terminal then lines are pretty', () => {
    const lines: string[] = [];
    const terminal = Object.assign(
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
      { isTTY: true },
    );
    createLogger({ level: 'info', service: 'test', format: 'auto' }, terminal).info('hello');
    expect(lines.join('')).toMatch(/INFO.*hello/);
    expect(() => JSON.parse(lines.join(''))).toThrow();
  });
});
