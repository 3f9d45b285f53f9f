// GET /api/stream: the live feed as server-sent events. A browser's EventSource cannot send the
// Authorization header, so the dashboard reads this with fetch; the route sits behind the same read
// check as every /api read.
import type { FastifyInstance } from 'fastify';
import type { LiveFeed } from './live-feed.js';

/** Registers GET /api/stream over `feed`. */
export function registerStreamRoute(app: FastifyInstance, feed: LiveFeed): void {
  const open = new Set<{ end(): void }>();
  // Streams never end by themselves: the server's close ends them, or it would wait for the browsers.
  app.addHook('preClose', async () => {
    feed.close();
    for (const response of open) response.end();
    open.clear();
  });
  app.get(
    '/api/stream',
    {
      schema: {
        summary:
          'Server-sent events: sweep (positions and P&L every sweep interval), decision, fill, order, control; a comment every 15 s',
        tags: ['read'],
        produces: ['text/event-stream'],
      },
    },
    (request, reply) => {
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // Reverse proxies (nginx, Caddy) must not buffer the stream.
        'x-accel-buffering': 'no',
      });
      response.write(': connected\n\n');
      const client = feed.join((text) => {
        response.write(text);
      });
      open.add(response);
      request.raw.on('close', () => {
        open.delete(response);
        client.leave();
      });
    },
  );
}
