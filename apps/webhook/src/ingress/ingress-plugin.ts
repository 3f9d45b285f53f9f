import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AcceptedHandOff } from './accepted-alert.js';
import { AlertGroupCommit } from './alert-group-commit.js';
import { AlertIntake, type IntakeOutcome } from './alert-intake.js';
import type { WebhookIngressOptions } from './ingress-options.js';
import { TokenBucketRateLimiter } from './rate-limiter.js';
import { resolveSenderAddress } from './sender-address.js';

interface Arrival {
  readonly sender: string;
  readonly receivedAt: Date;
}

/**
 * POST /webhook (docs/architecture.md, "Ingress"). Register it with `app.register(webhookIngressPlugin, options)`
 * and NOT through fastify-plugin: its catch-all body parser must stay inside this plugin's scope.
 * Rate-limited requests (429) are answered before the body is read and are not stored, so a flood
 * costs no database writes; every other outcome is stored before the answer.
 */
export async function webhookIngressPlugin(
  app: FastifyInstance,
  options: WebhookIngressOptions,
): Promise<void> {
  // Concurrent requests' rows are committed together (alert-group-commit.ts) and their accepted alerts
  // handed on together; each answer still waits for its own row's commit.
  const intake = new AlertIntake({ ...options, store: new AlertGroupCommit(options.store) });
  const handOff = new AcceptedHandOff(options.onAccepted, app.log);
  const limiter =
    options.rateLimitPerMinute > 0
      ? new TokenBucketRateLimiter(options.clock, options.rateLimitPerMinute)
      : undefined;
  const arrivals = new WeakMap<FastifyRequest, Arrival>();
  if (options.passphrase === undefined) {
    app.log.warn('POST /webhook refuses every alert (503): WEBHOOK_PASSPHRASE is not set');
  }

  // TradingView sends text/plain whenever the message is not valid JSON: read every body as bytes and
  // let the intake decide what they are (invalid UTF-8 is an answer, not a crash).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  const arrivalOf = (request: FastifyRequest): Arrival => {
    let arrival = arrivals.get(request);
    if (arrival === undefined) {
      const forwardedFor = request.headers['x-forwarded-for'];
      const sender = resolveSenderAddress(request.socket.remoteAddress, forwardedFor, options.trustedProxies);
      arrival = { sender, receivedAt: options.clock.now() };
      arrivals.set(request, arrival);
    }
    return arrival;
  };

  app.addHook('onRequest', async (request, reply) => {
    const { sender } = arrivalOf(request);
    const verdict = limiter?.take(sender);
    if (verdict === undefined || verdict.allowed) return;
    if (verdict.firstRefusal) request.log.warn({ sender }, 'webhook rate limit reached; answering 429');
    const message = `more than ${options.rateLimitPerMinute} alerts per minute from ${sender}; retry later`;
    return reply
      .code(429)
      .header('retry-after', String(verdict.retryAfterSeconds))
      .send({ error: 'RATE_LIMITED', message });
  });

  app.setErrorHandler(async (error: { code?: string }, request, reply) => {
    if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw error;
    const declared = Number(request.headers['content-length']);
    const outcome = await intake.rejectOversized(
      arrivalOf(request),
      Number.isSafeInteger(declared) ? declared : undefined,
    );
    return answer(reply, request.log, outcome);
  });

  app.post(
    '/webhook',
    { bodyLimit: options.bodyLimitBytes, schema: webhookRouteDoc },
    async (request, reply) => {
      const outcome = await intake.receive({
        ...arrivalOf(request),
        body: request.body instanceof Uint8Array ? request.body : new Uint8Array(),
        contentType: request.headers['content-type'],
      });
      answer(reply, request.log, outcome);
      if (outcome.accepted !== undefined) handOff.push(outcome.accepted);
      return reply;
    },
  );
}

// Logged: the outcome and its code, never the body (it holds the passphrase).
function answer(reply: FastifyReply, log: FastifyBaseLogger, outcome: IntakeOutcome): FastifyReply {
  const body = outcome.body;
  if ('error' in body)
    log.warn({ alertId: body.alertId, reason: body.error }, `webhook alert rejected: ${body.message}`);
  else log.info({ alertId: body.alertId, outcome: body.status }, `webhook alert ${body.status}`);
  return reply.code(outcome.status).send(body);
}

/** What the OpenAPI document says of POST /webhook (the body is read as raw bytes, not by a schema). */
const webhookRouteDoc = {
  summary: 'Receives a TradingView alert (Hookline template, strategy template or name=value text)',
  description:
    'Answered 202 when accepted (then decided by the alert.process job), 200 for a duplicate, 400 for ' +
    'an unreadable body, 401/403 for a bad passphrase or sender, 413 when too large, 422 for a readable ' +
    'body with wrong contents. `action`: `buy` opens or adds (risk gate, then an entry order); `sell` ' +
    'reduces the position by its `base` or `quote` size (required; truncated to the step, capped at the ' +
    'position), exit reason USER_SELL; `exit` closes the whole position (no size), exit reason USER_EXIT. ' +
    'Sells and exits run through the exit executor: no position → decision SKIPPED NO_POSITION; an exit ' +
    'already working → SKIPPED EXIT_IN_PROGRESS; HALTED → BLOCKED TRADING_HALTED. A buy while an exit ' +
    'of its symbol works is BLOCKED EXIT_WORKING. See apps/webhook/README.md.',
};
