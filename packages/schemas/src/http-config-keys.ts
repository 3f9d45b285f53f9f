import { z } from 'zod';
import type { ConfigKey } from './config-key.js';
import { envInteger } from './env-types.js';

/** Who may read without a token: nobody (`closed`), or clients on the same machine (`loopback`). */
export const openReadsValues = ['closed', 'loopback'] as const;

/** The value of HOOKLINE_OPEN_READS. */
export type OpenReads = (typeof openReadsValues)[number];

/**
 * A comma-separated list of browser origins (`https://host[:port]`, no path); an item that is not one
 * is an error naming it. Empty = no origin.
 */
export const envOrigins = z.string().transform((value, context): string[] => {
  const origins: string[] = [];
  for (const item of value.split(',').map((part) => part.trim())) {
    if (item === '') continue;
    const origin = originOf(item);
    if (origin === undefined) {
      context.addIssue({
        code: 'custom',
        message: `"${item}" is not an origin such as https://ops.example.com (scheme, host and port only)`,
      });
      return z.NEVER;
    }
    origins.push(origin);
  }
  return origins;
});

function originOf(item: string): string | undefined {
  try {
    const url = new URL(item);
    const bare = url.pathname === '/' && url.search === '' && url.hash === '' && !item.endsWith('/');
    return (url.protocol === 'http:' || url.protocol === 'https:') && bare ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The keys of the HTTP surface: who may read the API, and how long a client may take to send a
 * request (docs/operations.md, "HTTP surface and TLS").
 */
export const HTTP_CONFIG_KEYS = {
  READ_TOKEN: {
    schema: z.string().min(16, { error: 'must be at least 16 characters' }),
    description:
      'Bearer token for reading GET /api/*, /metrics and /openapi.json (ADMIN_TOKEN reads too). With neither set, reads are refused unless HOOKLINE_OPEN_READS=loopback.',
    secret: true,
  },
  HOOKLINE_OPEN_READS: {
    schema: z.enum(openReadsValues),
    default: 'closed',
    description:
      'closed = every read of /api/*, /metrics and /openapi.json needs a token; loopback = reads from 127.0.0.1 or ::1 need none.',
  },
  HOOKLINE_HTTP_REQUEST_TIMEOUT_MS: {
    schema: envInteger(1_000, 600_000),
    default: '10000',
    description:
      'A request (headers and the whole body) not received within this time is answered 408 and its connection closed, however steadily it trickles.',
  },
  HOOKLINE_HTTP_HEADERS_TIMEOUT_MS: {
    schema: envInteger(1_000, 600_000),
    default: '5000',
    description:
      'A request whose headers are not complete within this time is answered 408 and closed. At most HOOKLINE_HTTP_REQUEST_TIMEOUT_MS.',
  },
  HOOKLINE_HTTP_IDLE_TIMEOUT_MS: {
    schema: envInteger(1_000, 3_600_000),
    default: '30000',
    description: 'A connection on which nothing is sent or received for this long is closed.',
  },
  HOOKLINE_HTTP_KEEP_ALIVE_TIMEOUT_MS: {
    schema: envInteger(1_000, 600_000),
    default: '5000',
    description:
      'How long a kept-alive connection may wait for its next request. Keep it longer than the idle timeout of a reverse proxy in front.',
  },
  HOOKLINE_CORS_ORIGINS: {
    schema: envOrigins,
    description:
      'Browser origins allowed to call the HTTP API cross-origin (comma-separated, e.g. https://ops.example.com). Unset = no CORS headers: browsers refuse every cross-origin read.',
  },
} as const satisfies Record<string, ConfigKey>;
