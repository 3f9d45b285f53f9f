import { type Config, SECRET_KEYS } from '@hookline/schemas';
import { type DestinationStream, type Logger, pino } from 'pino';
import pinoPretty from 'pino-pretty';

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

/** Query-string parameter names whose values are credentials (`?passphrase=`, `?token=`, `?api_key=`). */
const SECRET_PARAMETER = /pass|token|secret|key|auth|signature|credential|session|cookie/i;

/** What a redacted value is replaced with in logs. */
const CENSOR = '[redacted]';

/**
 * The URL with the value of every secret-looking query parameter replaced by "[redacted]" (the name
 * is kept, so the log still shows that one was sent). The path is left alone.
 */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const query = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals < 0 ? pair : pair.slice(0, equals);
      return equals >= 0 && SECRET_PARAMETER.test(decodedName(rawName)) ? `${rawName}=${CENSOR}` : pair;
    })
    .join('&');
  return `${url.slice(0, start)}?${query}`;
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replaceAll('+', ' '));
  } catch {
    return name;
  }
}

/** The shape of a request the serializer reads (fastify's request, or node's IncomingMessage). */
interface LoggedRequest {
  readonly method?: string;
  readonly url?: string;
  readonly host?: string;
  readonly ip?: string;
  readonly socket?: { readonly remoteAddress?: string; readonly remotePort?: number } | null;
}

/**
 * How a request appears in a log line: method, URL with secret query values redacted, host and peer;
 * never a header (Authorization, cookies) or the body.
 */
export function serializeRequest(request: LoggedRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrl(request.url ?? ''),
    host: request.host,
    remoteAddress: request.ip ?? request.socket?.remoteAddress,
    remotePort: request.socket?.remotePort,
  };
}

/** How log lines are written: `auto` picks by whether the output is a terminal. */
export type LogFormat = 'auto' | 'pretty' | 'json';

/**
 * The format actually used: pretty or json as asked; auto = pretty on a terminal (a person reads it),
 * json otherwise (a file, a pipe, a log shipper).
 */
export function resolveLogFormat(format: LogFormat, isTTY: boolean | undefined): 'pretty' | 'json' {
  if (format !== 'auto') return format;
  return isTTY === true ? 'pretty' : 'json';
}

/** Where log lines go: a stream, possibly a terminal. */
type LogDestination = DestinationStream & { readonly isTTY?: boolean };

/**
 * Creates the process logger: secrets censored, a `service` field on every line, written as JSON lines
 * or as pretty lines (pino-pretty, in-process and synchronous, so nothing is lost at exit). Redaction
 * happens before formatting, so it holds in both formats. The destination defaults to stdout.
 */
export function createLogger(
  options: { level: string; service: string; format?: LogFormat },
  destination?: LogDestination,
): Logger {
  const isTTY = destination === undefined ? process.stdout.isTTY : destination.isTTY;
  const format = resolveLogFormat(options.format ?? 'auto', isTTY);
  const stream =
    format === 'pretty'
      ? pinoPretty({
          ...(destination === undefined ? {} : { destination }),
          sync: true,
          colorize: isTTY === true,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname',
        })
      : destination;
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      redact: { paths: [...REDACT_PATHS], censor: CENSOR },
      serializers: { req: serializeRequest },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    stream,
  );
}

/** The configuration with secrets replaced by "[redacted]" (set) or left undefined (unset), safe to log. */
export function describeConfig(config: Config): Record<string, unknown> {
  const safe: Record<string, unknown> = { ...config };
  for (const key of SECRET_KEYS) if (safe[key] !== undefined) safe[key] = '[redacted]';
  return safe;
}

export type { Logger };
