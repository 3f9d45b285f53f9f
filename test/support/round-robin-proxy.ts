// One address in front of several replicas, as a load balancer gives them (nginx `upstream`, a
// Kubernetes Service): each request goes to the next backend in turn. A backend that refuses the
// connection (its process is gone) is skipped and the request goes to the next one, like nginx's
// `proxy_next_upstream error`; any other failure after the request left answers 502, because a POST
// that may have reached a backend is not sent twice by a balancer (the sender retries, with the same
// alert id, and Hookline's idempotency answers it).
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running balancer on 127.0.0.1. */
export interface RoundRobinProxy {
  readonly url: string;
  /** Requests each backend answered, by its base URL. */
  answeredBy(): Readonly<Record<string, number>>;
  close(): Promise<void>;
}

/** Starts a balancer over `backends` (base URLs such as `http://127.0.0.1:3001`) on a free port. */
export async function startRoundRobinProxy(backends: readonly string[]): Promise<RoundRobinProxy> {
  if (backends.length === 0) throw new Error('a balancer needs at least one backend');
  const answered: Record<string, number> = Object.fromEntries(backends.map((backend) => [backend, 0]));
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const first = next;
      next = (next + 1) % backends.length;
      forward(incoming, Buffer.concat(chunks), outgoing, first, 0);
    });
  });
  server.keepAliveTimeout = 5_000;

  function forward(
    incoming: IncomingMessage,
    body: Buffer,
    outgoing: ServerResponse,
    index: number,
    tries: number,
  ): void {
    const backend = backends[index % backends.length] as string;
    const target = new URL(incoming.url ?? '/', backend);
    const upstream = httpRequest(
      target,
      { method: incoming.method, headers: { ...incoming.headers, host: target.host }, timeout: 30_000 },
      (response: IncomingMessage) => {
        answered[backend] = (answered[backend] ?? 0) + 1;
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    upstream.on('timeout', () => upstream.destroy(new Error('backend timeout')));
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && tries + 1 < backends.length) {
        forward(incoming, body, outgoing, index + 1, tries + 1);
        return;
      }
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(`bad gateway: ${backend}: ${error.code ?? error.message}`);
    });
    upstream.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answeredBy: () => ({ ...answered }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
