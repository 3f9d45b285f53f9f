// A TCP proxy a test puts between Hookline and PostgreSQL, so it can cut the network for real:
// cut() destroys every live connection and stops listening (a new connection is refused), restore()
// listens again on the same port. Nothing else changes: the server behind it keeps running.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** Where the proxy forwards to. */
export interface ProxyTarget {
  readonly host: string;
  readonly port: number;
}

/** A running proxy on 127.0.0.1. */
export interface TcpProxy {
  readonly port: number;
  /** True between cut() and restore(). */
  isCut(): boolean;
  /** Connections the proxy has forwarded so far (to see that the client reconnected). */
  connectionsOpened(): number;
  /** Destroys the live connections (both ends) and refuses new ones. */
  cut(): Promise<void>;
  /** Accepts and forwards connections again, on the same port. */
  restore(): Promise<void>;
  /** Cuts for good. */
  close(): Promise<void>;
  /** `url` with its host and port replaced by the proxy's. */
  urlThrough(url: string): string;
}

/** Starts a proxy to `target` on a free loopback port. */
export async function startTcpProxy(target: ProxyTarget): Promise<TcpProxy> {
  const live = new Set<Socket>();
  let opened = 0;
  let server: Server | undefined;

  const forward = (client: Socket) => {
    opened += 1;
    const upstream = createConnection({ host: target.host, port: target.port });
    live.add(client);
    live.add(upstream);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      live.delete(client);
      live.delete(upstream);
    };
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
    client.on('close', closeBoth);
    upstream.on('close', closeBoth);
    client.pipe(upstream);
    upstream.pipe(client);
  };

  const listen = async (port: number): Promise<number> => {
    const next = createServer(forward);
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        next.off('error', reject);
        resolve();
      });
    });
    server = next;
    const address = next.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP address');
    return address.port;
  };

  const cut = async () => {
    const running = server;
    server = undefined;
    for (const socket of live) socket.destroy();
    live.clear();
    if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
  };

  const port = await listen(0);
  return {
    port,
    isCut: () => server === undefined,
    connectionsOpened: () => opened,
    cut,
    restore: async () => {
      if (server === undefined) await listen(port);
    },
    close: cut,
    urlThrough: (url: string) => {
      const through = new URL(url);
      through.hostname = '127.0.0.1';
      through.port = String(port);
      return through.toString();
    },
  };
}
