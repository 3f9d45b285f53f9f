// Every call to the webhook's /api: the bearer token from sessionStorage on each request (never in a
// URL, never in localStorage), errors as ApiError with the server's `error` text, and any 401 after
// login sends the operator back to the login form.
import type { Session } from './types';

const TOKEN_KEY = 'hookline.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let unauthorized: (message: string) => void = () => {};

/** What to do when the server refuses the stored token (the app shows the login form). */
export function onUnauthorized(handler: (message: string) => void): void {
  unauthorized = handler;
}

/** The live stream was refused: the same as any other 401. */
export function onUnauthorizedStream(): void {
  logout();
  unauthorized('The token was refused by the live stream. Log in again.');
}

export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function logout(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Checks `token` with GET /api/session; keeps it only when the server accepts it. */
export async function login(token: string): Promise<Session> {
  const response = await fetch('/api/session', { headers: authorization(token) });
  if (!response.ok) throw new ApiError(response.status, await errorText(response));
  sessionStorage.setItem(TOKEN_KEY, token);
  return (await response.json()) as Session;
}

/** `path` with the non-empty `params` as its query string. */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** A request with the stored token; throws ApiError on any answer but 2xx. */
export async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const token = storedToken();
  if (token === null) {
    unauthorized('Log in with the read or admin token.');
    throw new ApiError(401, 'not logged in');
  }
  const response = await fetch(path, {
    ...init,
    headers: { ...authorization(token), ...(init.headers as Record<string, string> | undefined) },
  });
  if (response.status === 401) {
    const message = await errorText(response);
    logout();
    unauthorized(`The token was refused (${message}). Log in again.`);
    throw new ApiError(401, message);
  }
  if (!response.ok) throw new ApiError(response.status, await errorText(response));
  return response;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await call(path)).json()) as T;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as T;
}

/** The message of a thrown value, for showing. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function authorization(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

async function errorText(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    if (typeof body.error === 'string') return body.error;
    if (typeof body.message === 'string') return body.message;
  } catch {
    // not JSON: the status says it
  }
  return text.trim() === '' ? `${response.status} ${response.statusText}` : text.trim().slice(0, 300);
}
