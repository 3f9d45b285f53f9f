import type { ReasonCode } from './reason-codes.js';

/** Facts about the failure (side, symbol, amount, price…), shown in the message and kept for logs. */
export type ErrorContext = Readonly<Record<string, unknown>>;

/** What a HooklineError carries besides its code and message. */
export interface HooklineErrorOptions {
  context?: ErrorContext;
  cause?: unknown;
}

/** An error with a stable code, its context and the error it was translated from. */
export class HooklineError extends Error {
  override readonly name = 'HooklineError';
  readonly code: ReasonCode;
  readonly context: ErrorContext;

  constructor(code: ReasonCode, message: string, options: HooklineErrorOptions = {}) {
    const context = options.context ?? {};
    super(`${code}: ${message}${formatContext(context)}`, { cause: options.cause });
    this.code = code;
    this.context = context;
  }
}

/** For the default branch of an exhaustive switch: compiles only if every case is handled. */
export function assertNever(value: never, what = 'value'): never {
  throw new HooklineError('UNREACHABLE', `unexpected ${what}: ${formatValue(value)}`);
}

// The context goes into the message too, because many log sinks keep only the message.
function formatContext(context: ErrorContext): string {
  const entries = Object.entries(context);
  if (entries.length === 0) return '';
  return ` (${entries.map(([key, value]) => `${key}=${formatValue(value)}`).join(', ')})`;
}

function formatValue(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Array.isArray(value) || Object.prototype.toString.call(value) === '[object Object]') {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}
