// `signals` while a running `start` holds the embedded database: the command cannot open it (it serves
// one process), so it asks the running webhook for the matrix instead (GET /api/matrix on PORT, with
// READ_TOKEN or ADMIN_TOKEN when set). That answer is what sighook published in its Redis, with the
// same freshness rule.
import type { LockHolder } from '@hookline/db';
import type { LatestMatrixRow } from '@hookline/runtime';
import { type Config, matrixRowSchema } from '@hookline/schemas';
import { SignalsUnavailableError } from './signals-unavailable-error.js';

type Refused = { symbol: string; refusal: 'MISSING' | 'MALFORMED' | 'STALE'; detail: string };

function isRefused(value: unknown): value is Refused {
  const entry = value as Partial<Refused> | null;
  return (
    typeof entry?.symbol === 'string' &&
    typeof entry.detail === 'string' &&
    ['MISSING', 'MALFORMED', 'STALE'].includes(entry.refusal ?? '')
  );
}

/** The running webhook's address as seen from this machine. */
export function runningWebhookUrl(config: Config): string {
  const host = ['0.0.0.0', '::', ''].includes(config.HOOKLINE_HOST) ? '127.0.0.1' : config.HOOKLINE_HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}`;
}

/** Reads the matrix from the running webhook's API; a plain SignalsUnavailableError when it cannot. */
export async function matrixFromRunningServer(
  config: Config,
  symbols: readonly string[],
  holder: LockHolder,
  databaseDirectory: string,
): Promise<Map<string, LatestMatrixRow>> {
  const url = `${runningWebhookUrl(config)}/api/matrix?symbols=${encodeURIComponent(symbols.join(','))}`;
  const token = config.READ_TOKEN ?? config.ADMIN_TOKEN;
  const unavailable = (why: string) =>
    new SignalsUnavailableError(
      `the embedded database in ${databaseDirectory} is in use by pid ${holder.pid} (${holder.command}, since ` +
        `${holder.since}) and its API did not give the matrix (${why}). Set READ_TOKEN (or ` +
        'HOOKLINE_OPEN_READS=loopback) for both the server and this command, stop the server, or run ' +
        'everything on a PostgreSQL server (DATABASE_URL) with REDIS_URL.',
    );
  let response: Response;
  try {
    response = await fetch(url, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(5_000),
    });
  } catch (error) {
    throw unavailable(`GET ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = (body as { message?: unknown } | undefined)?.message;
    throw unavailable(
      `GET ${url} answered ${response.status}${typeof message === 'string' ? `: ${message}` : ''}`,
    );
  }
  const answer = body as { rows?: unknown; refused?: unknown } | undefined;
  const rows = matrixRowSchema.array().safeParse(answer?.rows);
  const refused =
    Array.isArray(answer?.refused) && answer.refused.every(isRefused) ? answer.refused : undefined;
  if (!rows.success || refused === undefined) {
    throw unavailable(`GET ${url} answered something other than matrix rows`);
  }
  const latest = new Map<string, LatestMatrixRow>();
  for (const row of rows.data) {
    latest.set(row.symbol, { ok: true, row, ageMs: Math.max(0, Date.now() - Date.parse(row.computed_at)) });
  }
  for (const { symbol, refusal, detail } of refused) latest.set(symbol, { ok: false, refusal, detail });
  return latest;
}
