import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExchangeOperation } from '@hookline/exchange';
import { WebSocketServer } from 'ws';
import { generateTestApiKey, JwtVerifier, type TestApiKey } from './jwt-verifier.js';
import { PaperVenue } from './paper-venue.js';
import type { RestAnswer } from './rest-orders.js';
import { answer, routeOf } from './rest-routes.js';
import { processesFirst, type ServerFault, ServerFaults } from './server-faults.js';
import { WebSocketFeeds } from './websocket-feeds.js';

/** One request the server received, for assertions (how many creates reached the venue…). */
export interface RecordedRequest {
  readonly operation: ExchangeOperation | undefined;
  readonly method: string;
  readonly path: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly status: number;
  readonly fault: ServerFault['kind'] | undefined;
}

/** A running local Coinbase Advanced Trade. */
export interface CoinbaseTestServer {
  readonly restUrl: string;
  readonly wsUrl: string;
  readonly wsUserUrl: string;
  readonly apiKey: TestApiKey;
  readonly venue: PaperVenue;
  readonly faults: ServerFaults;
  readonly feeds: WebSocketFeeds;
  readonly verifier: JwtVerifier;
  readonly requests: RecordedRequest[];
  /** While true, the user endpoint refuses connections (HTTP 503 on the upgrade). */
  refuseUserConnections: boolean;
  close(): Promise<void>;
}

/** Where and how strictly to serve. */
export interface CoinbaseServerOptions {
  readonly subscribeDeadlineMs?: number;
  /** Real-time heartbeat period (0: only when a test sends them). */
  readonly heartbeatIntervalMs?: number;
  readonly apiKey?: TestApiKey;
}

/**
 * Starts a local Coinbase on 127.0.0.1 (port 0): REST under `/api/v3/brokerage` (JWT-checked),
 * market data on `/ws`, the user channel on `/ws-user`, a PaperExchange as its matching engine.
 */
export async function startCoinbaseServer(options: CoinbaseServerOptions = {}): Promise<CoinbaseTestServer> {
  const apiKey = options.apiKey ?? generateTestApiKey();
  const venue = new PaperVenue();
  const verifier = new JwtVerifier(apiKey);
  const faults = new ServerFaults();
  const feeds = new WebSocketFeeds(venue, verifier, {
    subscribeDeadlineMs: options.subscribeDeadlineMs ?? 5_000,
  });
  const requests: RecordedRequest[] = [];
  const pending = new Set<NodeJS.Timeout>();
  const http = createServer((request, response) => {
    void serve(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  const server: CoinbaseTestServer = {
    restUrl: '',
    wsUrl: '',
    wsUserUrl: '',
    apiKey,
    venue,
    faults,
    feeds,
    verifier,
    requests,
    refuseUserConnections: false,
    close: () => closeAll(http, sockets, pending, heartbeat, venue),
  };
  const sockets = new WebSocketServer({ noServer: true });
  http.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const kind = path === '/ws-user' ? 'user' : path === '/ws' ? 'market' : undefined;
    if (kind === undefined || (kind === 'user' && server.refuseUserConnections)) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => feeds.accept(ws, kind));
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    const body = await readJson(request);
    const route = routeOf(method, url.pathname, url.searchParams);
    const record = (status: number, fault?: ServerFault) =>
      requests.push({
        operation: route?.operation,
        method,
        path: url.pathname,
        body,
        status,
        fault: fault?.kind,
      });
    if (route === undefined)
      return send(response, record, { status: 404, body: { error: 'NOT_FOUND', message: 'no such route' } });
    if (route.private) {
      const token = request.headers.authorization?.replace(/^Bearer /, '');
      const verdict = await verifier.verify(token, `${method} ${request.headers.host}${url.pathname}`);
      if (!verdict.ok) return sendText(response, record, 401, 'Unauthorized');
    }
    const fault = faults.take(route.operation);
    const processed = processesFirst(fault)
      ? await answer(venue, { method, path: url.pathname, query: url.searchParams, body })
      : undefined;
    if (fault === undefined && processed !== undefined) return send(response, record, processed);
    return applyFault(response, record, fault as ServerFault, processed, pending);
  }

  const heartbeat =
    (options.heartbeatIntervalMs ?? 0) > 0
      ? setInterval(() => feeds.sendHeartbeats(), options.heartbeatIntervalMs)
      : undefined;
  heartbeat?.unref();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return Object.assign(server, {
    restUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    wsUserUrl: `ws://127.0.0.1:${port}/ws-user`,
  });
}

type Recorder = (status: number, fault?: ServerFault) => void;

function applyFault(
  response: ServerResponse,
  record: Recorder,
  fault: ServerFault,
  processed: RestAnswer | undefined,
  pending: Set<NodeJS.Timeout>,
): void {
  switch (fault.kind) {
    case 'rateLimit':
      sendJson(response, record, 429, { error: 'rate_limit_exceeded', message: 'Too many requests' }, fault);
      return;
    case 'html':
      sendText(
        response,
        record,
        fault.status,
        `<html><body><h1>${fault.status} Service Error</h1></body></html>`,
        fault,
        'text/html',
      );
      return;
    case 'json500':
      sendJson(response, record, 500, { error: 'INTERNAL', code: 13, message: 'Internal error' }, fault);
      return;
    case 'nonJson200':
      sendText(response, record, 200, '<html><body>OK</body></html>', fault, 'text/html');
      return;
    case 'drop':
      record(0, fault);
      response.socket?.destroy();
      return;
    case 'slow': {
      // Recorded now (the venue has it); the late answer is not a second request.
      record(processed?.status ?? 0, fault);
      const timer = setTimeout(() => {
        pending.delete(timer);
        if (processed !== undefined && !response.destroyed) send(response, () => {}, processed, fault);
      }, fault.delayMs);
      pending.add(timer);
      return;
    }
  }
}

function send(response: ServerResponse, record: Recorder, result: RestAnswer, fault?: ServerFault): void {
  sendJson(response, record, result.status, result.body, fault);
}

function sendJson(
  response: ServerResponse,
  record: Recorder,
  status: number,
  body: unknown,
  fault?: ServerFault,
): void {
  sendText(response, record, status, JSON.stringify(body), fault, 'application/json');
}

function sendText(
  response: ServerResponse,
  record: Recorder,
  status: number,
  text: string,
  fault?: ServerFault,
  type = 'text/plain',
): void {
  record(status, fault);
  response.writeHead(status, { 'content-type': type });
  response.end(text);
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

async function closeAll(
  http: Server,
  sockets: WebSocketServer,
  pending: Set<NodeJS.Timeout>,
  heartbeat: NodeJS.Timeout | undefined,
  venue: PaperVenue,
): Promise<void> {
  clearInterval(heartbeat);
  for (const timer of pending) clearTimeout(timer);
  for (const client of sockets.clients) client.terminate();
  sockets.close();
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await venue.close();
}
