// Which failures are the infrastructure's (the database or Redis unreachable, restarting or out of
// connections) rather than the request's or the code's. Such a failure is answered 503 and retried
// without limit; anything else keeps its normal path. Recognised by shape, not by class, so this
// module needs neither Prisma nor ioredis: Prisma wraps driver errors in PrismaClientKnownRequestError
// with a P1xxx/P2024 code or a driver adapter cause, while pg and ioredis throw plain Errors whose
// message or socket code tells it (all verified against Prisma 7 with @prisma/adapter-pg and ioredis 5/6).

/** Prisma error codes that mean the database could not be reached or answered in time. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1011', 'P1017', 'P2024', 'P2037']);

/** Driver adapter error kinds that mean the same. */
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'DatabaseDoesNotExist',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TransactionAlreadyClosed',
]);

/** PostgreSQL SQLSTATEs of a server going away, starting up or full (class 08 is connection errors). */
const POSTGRES_STATES = new Set(['57P01', '57P02', '57P03', '53300', '53400']);

/** Socket error codes of a peer that is down or unreachable. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Messages of pg for a connection lost or refused (they carry no code). */
const DATABASE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /client has encountered a connection error/i,
  /can't reach database server/i,
];

/** Messages of ioredis and Redis for a connection lost, or a server not ready to serve. */
const REDIS_MESSAGES = [
  /connection is closed/i,
  /stream isn't writeable/i,
  /reached the max retries per request limit/i,
  /^(LOADING|READONLY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN)\b/,
];

/** Prisma's error classes for a client that could not start or crashed. */
const DATABASE_NAMES = new Set(['PrismaClientInitializationError', 'PrismaClientRustPanicError']);

interface ErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly meta?: { readonly driverAdapterError?: { readonly cause?: AdapterCause } };
  readonly cause?: unknown;
  readonly errors?: unknown;
}

interface AdapterCause {
  readonly kind?: unknown;
  readonly code?: unknown;
}

/** Which service failed, for logs and metric labels (never the driver's text). */
export type InfrastructureKind = 'database' | 'redis' | 'network';

/**
 * The kind of infrastructure failure this error is, or undefined when it is not one (a bug, a bad
 * request, a constraint violation). Looks through `cause` and AggregateError's `errors`.
 */
export function infrastructureFailureOf(error: unknown, depth = 0): InfrastructureKind | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const shape = error as ErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : '';
  const code = typeof shape.code === 'string' ? shape.code : '';
  const message = typeof shape.message === 'string' ? shape.message : '';
  if (DATABASE_NAMES.has(name)) return 'database';
  if (name === 'MaxRetriesPerRequestError') return 'redis';
  if (PRISMA_CODES.has(code)) return 'database';
  const adapter = shape.meta?.driverAdapterError?.cause;
  if (adapter !== undefined) {
    if (typeof adapter.kind === 'string' && ADAPTER_KINDS.has(adapter.kind)) return 'database';
    if (adapter.kind === 'postgres' && typeof adapter.code === 'string' && isPostgresOutage(adapter.code))
      return 'database';
  }
  if (/^[0-9A-Z]{5}$/.test(code) && isPostgresOutage(code)) return 'database';
  if (SOCKET_CODES.has(code)) return 'network';
  if (DATABASE_MESSAGES.some((pattern) => pattern.test(message))) return 'database';
  if (REDIS_MESSAGES.some((pattern) => pattern.test(message))) return 'redis';
  const nested = [shape.cause, ...(Array.isArray(shape.errors) ? shape.errors : [])];
  for (const inner of nested) {
    const kind = infrastructureFailureOf(inner, depth + 1);
    if (kind !== undefined) return kind;
  }
  return undefined;
}

/** True when the error is the database's, Redis's or the network's, not the request's. */
export function isInfrastructureError(error: unknown): boolean {
  return infrastructureFailureOf(error) !== undefined;
}

function isPostgresOutage(code: string): boolean {
  return code.startsWith('08') || POSTGRES_STATES.has(code);
}
