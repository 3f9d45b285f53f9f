import { createHash, timingSafeEqual } from 'node:crypto';
import { redactUrl } from '@hookline/runtime';
import type { Config, OpenReads } from '@hookline/schemas';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Who may read and who may act over HTTP. */
export interface AccessPolicy {
  /** READ_TOKEN: reads /api/*, /metrics and /openapi.json. */
  readonly readToken: string | undefined;
  /** ADMIN_TOKEN: reads too, and acts (POST /api/admin/*). */
  readonly adminToken: string | undefined;
  /** HOOKLINE_OPEN_READS: `loopback` lets reads from 127.0.0.0/8 and ::1 through without a token. */
  readonly openReads: OpenReads;
}

/** The access policy of the configuration. */
export function accessPolicyFromConfig(config: Config): AccessPolicy {
  return {
    readToken: config.READ_TOKEN,
    adminToken: config.ADMIN_TOKEN,
    openReads: config.HOOKLINE_OPEN_READS,
  };
}

/** A policy that lets nobody read or act (an app built without one). */
export const CLOSED_ACCESS: AccessPolicy = {
  readToken: undefined,
  adminToken: undefined,
  openReads: 'closed',
};

type AccessHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * An onRequest hook for the read routes: a loopback client when reads are open to loopback, or a
 * bearer token that is READ_TOKEN or ADMIN_TOKEN. Neither token configured → 403 naming the keys;
 * a missing or wrong token → 401.
 */
export function readAccessCheck(policy: AccessPolicy): AccessHook {
  const tokens = tokenDigests(policy);
  return async (request, reply) => {
    if (policy.openReads === 'loopback' && isLoopback(request.socket.remoteAddress)) return;
    if (tokens.read === undefined && tokens.admin === undefined) {
      await refuse(
        request,
        reply,
        403,
        'reads are closed: set READ_TOKEN (or ADMIN_TOKEN) and send it as "Authorization: Bearer <token>", or HOOKLINE_OPEN_READS=loopback to read from this machine without one',
      );
      return;
    }
    const given = presentedToken(request, tokens);
    if (given !== 'read' && given !== 'admin') {
      await refuse(
        request,
        reply,
        401,
        'a valid "Authorization: Bearer <READ_TOKEN or ADMIN_TOKEN>" header is required',
      );
    }
  };
}

/**
 * An onRequest hook for the admin routes: no ADMIN_TOKEN configured → 403 "admin API disabled"; the
 * read token → 403 (it may read, not act); a missing or wrong bearer token → 401.
 */
export function adminAccessCheck(
  policy: AccessPolicy,
  hooks: { onReadToken?: (request: FastifyRequest) => Promise<void> } = {},
): AccessHook {
  const tokens = tokenDigests(policy);
  return async (request, reply) => {
    if (tokens.admin === undefined) {
      await refuse(request, reply, 403, 'admin API disabled: set ADMIN_TOKEN to enable it');
      return;
    }
    const given = presentedToken(request, tokens);
    if (given === 'read') {
      await hooks.onReadToken?.(request);
      await refuse(request, reply, 403, 'the read token may read but not act: use ADMIN_TOKEN');
    } else if (given !== 'admin') {
      await refuse(request, reply, 401, 'a valid "Authorization: Bearer <ADMIN_TOKEN>" header is required');
    }
  };
}

interface TokenDigests {
  readonly read: Buffer | undefined;
  readonly admin: Buffer | undefined;
}

function tokenDigests(policy: AccessPolicy): TokenDigests {
  return {
    read: policy.readToken === undefined ? undefined : digest(policy.readToken),
    admin: policy.adminToken === undefined ? undefined : digest(policy.adminToken),
  };
}

/**
 * Which configured token the request's bearer token is. Both sides are hashed first and both tokens
 * are always compared, so the time taken says nothing about the guess's length or which token is near.
 */
function presentedToken(request: FastifyRequest, tokens: TokenDigests): 'read' | 'admin' | undefined {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  const given = digest(match?.[1]?.trim() ?? '');
  const isAdmin = tokens.admin !== undefined && timingSafeEqual(given, tokens.admin);
  const isRead = tokens.read !== undefined && timingSafeEqual(given, tokens.read);
  if (match === null) return undefined;
  return isAdmin ? 'admin' : isRead ? 'read' : undefined;
}

// The token is never logged or echoed; the URL is logged with secret query values redacted.
async function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  status: 401 | 403,
  message: string,
): Promise<void> {
  const why = status === 401 ? 'wrong or missing bearer token' : message;
  request.log.warn({ url: redactUrl(request.url), status }, `request refused: ${why}`);
  await reply.code(status).send({ error: message, requestId: request.id });
}

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped form (the TCP peer, never a forwarded header). */
function isLoopback(address: string | undefined): boolean {
  const plain = (address ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return plain === '::1' || /^127\.\d+\.\d+\.\d+$/.test(plain);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * The role a request that passed the read check reads with: `admin` with the admin token, otherwise
 * `read` (the read token, or a loopback client when reads are open to loopback).
 */
export function readerRole(policy: AccessPolicy, request: FastifyRequest): 'read' | 'admin' {
  return presentedToken(request, tokenDigests(policy)) === 'admin' ? 'admin' : 'read';
}
