import { type Config, SECRET_KEYS } from '@hookline/schemas';
import { type DestinationStream, type Logger, pino } from 'pino';

/** Field names that hold credentials wherever they appear (alert bodies, headers, exchange options). */
const SECRET_FIELDS = [
  ...SECRET_KEYS,
  'passphrase',
  'password',
  'secret',
  'apiKey',
  'apiSecret',
  'privateKey',
  'token',
  'adminToken',
  'authorization',
  'x-admin-token',
  'cookie',
];

/**
 * pino redaction paths: each secret field at the top level and up to three levels deep. pino's redact
 * has no recursive wildcard, and nothing we log nests secrets deeper (config, req.headers, body.*).
 */
export const REDACT_PATHS: readonly string[] = SECRET_FIELDS.flatMap((field) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
  const join = (prefix: string) => (key.startsWith('[') ? `${prefix}${key}` : `${prefix}.${key}`);
  return [key.startsWith('[') ? field : key, join('*'), join('*.*'), join('*.*.*')];
});

/** Creates the process logger: JSON lines, secrets censored, a `service` field on every line. */
export function createLogger(
  options: { level: string; service: string },
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** The configuration with secrets replaced by "[redacted]" (set) or left undefined (unset), safe to log. */
export function describeConfig(config: Config): Record<string, unknown> {
  const safe: Record<string, unknown> = { ...config };
  for (const key of SECRET_KEYS) if (safe[key] !== undefined) safe[key] = '[redacted]';
  return safe;
}

export type { Logger };
