import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { infrastructureFailureOf } from './infrastructure-error.js';

/** Seconds a client is asked to wait (Retry-After) when the database or Redis is down. */
export const RETRY_AFTER_SECONDS = 5;

/** The reason phrase of the 4xx statuses fastify's own refusals use. */
const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
};

/**
 * The one answer to an error no route handled, for every route of a server:
 * - the database, Redis or the network down (infrastructureFailureOf) → 503 with Retry-After;
 * - a refusal of the request itself (fastify's 4xx: validation, content type, bad JSON) → that status;
 * - anything else → 500 with a generic message.
 * No answer carries the error's own text beyond a 4xx's (a driver's message, SQL or a source path
 * stays in the log, under the request id every answer carries).
 */
export function answerError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const requestId = request.id;
  const infrastructure = infrastructureFailureOf(error);
  if (infrastructure !== undefined) {
    request.log.error({ err: error, infrastructure }, `the ${infrastructure} is unavailable; answered 503`);
    return reply
      .code(503)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .send({
        error: 'SERVICE_UNAVAILABLE',
        message: `the ${infrastructure} is unavailable; retry in ${RETRY_AFTER_SECONDS} seconds`,
        requestId,
      });
  }
  const refusal = refusalOf(error);
  if (refusal !== undefined) {
    request.log.info({ code: refusal.code, statusCode: refusal.statusCode }, 'request refused');
    return reply.code(refusal.statusCode).send({ ...refusal, requestId });
  }
  request.log.error({ err: error }, 'unexpected error; answered 500');
  return reply.code(500).send({
    error: 'INTERNAL_ERROR',
    message: `internal error; the service log has the detail under request id ${requestId}`,
    requestId,
  });
}

interface Refusal {
  readonly statusCode: number;
  readonly code?: string;
  readonly error: string;
  readonly message: string;
}

// A 4xx error is fastify's verdict on the request, its message written for the client (fastify's
// own, which never quote the body: a malformed JSON body is "Body is not valid JSON …").
function refusalOf(error: unknown): Refusal | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { statusCode, code, message } = error as Partial<FastifyError>;
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode > 499) return undefined;
  const text = String(message ?? '');
  return {
    statusCode,
    ...(typeof code === 'string' ? { code } : {}),
    error: STATUS_NAMES[statusCode] ?? 'Client Error',
    message: text,
  };
}
