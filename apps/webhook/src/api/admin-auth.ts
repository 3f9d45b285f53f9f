import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A preHandler for the admin routes: no ADMIN_TOKEN configured → 403 "admin API disabled"; a missing
 * or wrong bearer token → 401. Both sides are hashed first so the comparison takes the same time
 * whatever the length of the guess. The token is never logged or echoed.
 */
export function adminTokenCheck(adminToken: string | undefined) {
  const expected = adminToken === undefined ? undefined : digest(adminToken);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (expected === undefined) {
      await reply.code(403).send({ error: 'admin API disabled: set ADMIN_TOKEN to enable it' });
      return;
    }
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    const given = digest(match?.[1]?.trim() ?? '');
    if (match === null || !timingSafeEqual(given, expected)) {
      request.log.warn({ url: request.url }, 'admin request refused: wrong or missing bearer token');
      await reply
        .code(401)
        .send({ error: 'a valid "Authorization: Bearer <ADMIN_TOKEN>" header is required' });
    }
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
