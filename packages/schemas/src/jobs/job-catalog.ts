// The one catalog of background jobs: every name has a payload schema, a retry policy and a
// deterministic job id, and the compiler requires a handler for each (JobHandlers is a mapped type).
// It lives in packages/schemas because two services enqueue these jobs (the webhook's ingress and
// sighook's entries) and must agree on the name, the queue, the payload and the id.
import { z } from 'zod';
import { ACCOUNT_NAME_PATTERN, ACCOUNT_NAME_RULE } from '../account-name.js';

/** An id field of a job payload: non-empty text of bounded length. */
const id = z.string().min(1).max(200);

/**
 * How often and how patiently a job is retried. `attempts` counts only the job's own failures: a
 * failure of the infrastructure (database, Redis or network down) is retried without limit, with
 * `backoff.delay` doubling up to a cap, and never spends an attempt. A permanent error stops at once.
 */
export interface RetryPolicy {
  readonly attempts: number;
  readonly backoff: { readonly type: 'exponential' | 'fixed'; readonly delay: number };
}

/** One job kind: what its payload looks like, how it is retried, and which id makes it unique. */
export interface JobDefinition<Payload> {
  readonly payload: z.ZodType<Payload>;
  readonly retry: RetryPolicy;
  /** The same payload always gives the same id, so a repeated enqueue never creates a second job. */
  readonly jobId: (payload: Payload) => string;
}

function defineJob<Payload>(definition: JobDefinition<Payload>): JobDefinition<Payload> {
  return definition;
}

/** Every job of the webhook service (sighook only enqueues `alert.process`). */
export const jobCatalog = {
  /** An accepted alert → risk gate + preflight → a decision (and, when ORDERED, an order intent). */
  'alert.process': defineJob({
    payload: z.object({ alertId: id }).strict(),
    retry: { attempts: 5, backoff: { type: 'exponential', delay: 500 } },
    jobId: ({ alertId }) => `alert-${alertId}`,
  }),
  /**
   * Sends (or resolves after an unknown outcome) the order intent with this client order id. An
   * entry carries its timeout: `order.timeout` is scheduled that long after the exchange knows it.
   */
  'order.submit': defineJob({
    payload: z.object({ clientOrderId: id, entryTimeoutMs: z.number().int().positive().optional() }).strict(),
    // Each retry first looks the order up by its client order id; a re-send carries the same id.
    retry: { attempts: 8, backoff: { type: 'exponential', delay: 1_000 } },
    jobId: ({ clientOrderId }) => `submit-${clientOrderId}`,
  }),
  /** Cancels an entry that has not fully filled by its timeout (the filled part stays the position). */
  'order.timeout': defineJob({
    payload: z.object({ clientOrderId: id }).strict(),
    retry: { attempts: 8, backoff: { type: 'exponential', delay: 1_000 } },
    jobId: ({ clientOrderId }) => `timeout-${clientOrderId}`,
  }),
} as const;

/** Name of a job in the catalog. */
export type JobName = keyof typeof jobCatalog;

/** Every job name, in catalog order. */
export const jobNames = Object.keys(jobCatalog) as JobName[];

/** The validated payload of a job. */
export type JobPayload<Name extends JobName> =
  (typeof jobCatalog)[Name] extends JobDefinition<infer Payload> ? Payload : never;

/** What a handler learns about the run besides its payload. */
export interface JobRun {
  readonly jobId: string;
  /** 1 on the first run, then 2, 3, ... */
  readonly attempt: number;
}

/** One handler per job name: leaving one out is a type error. */
export type JobHandlers = {
  readonly [Name in JobName]: (payload: JobPayload<Name>, run: JobRun) => Promise<void>;
};

/** The deterministic id of a job. */
export function jobIdOf<Name extends JobName>(name: Name, payload: JobPayload<Name>): string {
  const definition = jobCatalog[name] as unknown as JobDefinition<JobPayload<Name>>;
  return definition.jobId(payload);
}

/** The base Redis key prefix of the production services (queues, controls, leases, matrix rows). */
export const JOB_QUEUE_PREFIX = 'hookline';

/**
 * The Redis key prefix of one account's queues: `{base}:jobs:{account}`, so the deployments of several
 * accounts on one Redis each see only their own jobs (a worker never picks up another account's
 * `order.submit`). Every queue of the account lives under it: the catalog's and the notification
 * channels'. BullMQ refuses ':' in a queue name but not in its prefix; the account name is checked
 * here against what the configuration allows (ACCOUNT_NAME_PATTERN: no ':', no Cluster hash-tag
 * braces), so a prefix built from any other text is refused with the name.
 *
 * Before accounts had their own queues every job lived under the base prefix (`hookline:alert-process`,
 * ...): those queues are never read again, and what their jobs were doing is re-driven from PostgreSQL
 * by the recovery sweeper (ACCEPTED alerts decided, SUBMITTED entries looked up and sent once, NEW
 * entries settled by lookup, working entries given a timeout; docs/operations.md, "Upgrading").
 */
export function jobQueuePrefixOf(account: string, base: string = JOB_QUEUE_PREFIX): string {
  if (!ACCOUNT_NAME_PATTERN.test(account)) {
    throw new RangeError(
      `account name ${JSON.stringify(account)} cannot name job queues: ${ACCOUNT_NAME_RULE}`,
    );
  }
  return `${base}:jobs:${account}`;
}

/**
 * The BullMQ queue name of a job (one queue per job name, so each has its own concurrency). BullMQ
 * refuses ':' in a queue name; the account is in the prefix (jobQueuePrefixOf), not here.
 */
export function queueNameOf(name: JobName): string {
  return name.replace('.', '-');
}

/**
 * How long finished jobs stay in Redis: while kept, an enqueue with the same job id adds nothing,
 * unless the enqueue asks to replace a finished job (the recovery sweeper does).
 */
export const jobRetention = {
  completedSeconds: 7 * 24 * 3600,
  failedSeconds: 30 * 24 * 3600,
} as const;
