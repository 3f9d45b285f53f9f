import { Writable } from 'node:stream';
import { parseConfig } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';
import { createLogger, describeConfig } from '../src/index.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', service: 'test' }, stream) };
}

const secrets = {
  WEBHOOK_PASSPHRASE: 'passphrase-value-123',
  ADMIN_TOKEN: 'admin-token-value-1234567',
  EXCHANGE_API_KEY: 'api-key-value',
  EXCHANGE_API_SECRET: 'api-secret-value',
  DATABASE_URL: 'postgresql://hook:dbpassword@db:5432/hookline',
  MODE: 'live',
};

describe('logger redaction', () => {
  it.each([
    ['a config object', (config: object) => ({ config })],
    ['a config object nested in context', (config: object) => ({ context: { config } })],
  ])('when %s is logged then no secret value appears', (_name, shape) => {
    const { lines, logger } = capture();
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
    const { lines, logger } = capture();
    logger.info(fields, 'event');
    expect(lines.join('')).not.toContain(value);
  });

  it('when a config is described then set secrets are masked and the rest is kept', () => {
    const described = describeConfig(parseConfig(secrets));
    expect(described).toMatchObject({ WEBHOOK_PASSPHRASE: '[redacted]', MODE: 'live', PORT: 3000 });
    expect(described.REDIS_URL).toBeUndefined();
  });
});
