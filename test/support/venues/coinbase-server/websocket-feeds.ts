import { isTerminal } from '@hookline/core';
import type { ExchangeOrder, Ticker } from '@hookline/exchange';
import type { WebSocket } from 'ws';
import type { JwtVerifier } from './jwt-verifier.js';
import type { PaperVenue } from './paper-venue.js';
import { coinbaseTime, tickerJson, userOrderJson } from './wire-format.js';

/** Which endpoint a connection came in on. */
export type FeedKind = 'market' | 'user';

interface Connection {
  readonly socket: WebSocket;
  readonly kind: FeedKind;
  readonly channels: Set<string>;
  products: readonly string[];
  sequence: number;
  heartbeats: number;
  deadline: NodeJS.Timeout;
}

/** Options of the WebSocket side of the local Coinbase. */
export interface FeedOptions {
  /** The first subscribe must come within this (Coinbase: 5 s). */
  readonly subscribeDeadlineMs: number;
}

const snapshotBatch = 50;

/**
 * The market-data and user WebSocket endpoints: JWT-checked subscribes, `subscriptions`
 * confirmations, the open-orders snapshot in batches of 50, cumulative order updates, tickers,
 * heartbeats (counter alternately a string and an integer), and `sequence_num` per connection.
 * Faults: drop the next user messages (the sequence still advances, as on a lossy link).
 */
export class WebSocketFeeds {
  readonly #venue: PaperVenue;
  readonly #verifier: JwtVerifier;
  readonly #options: FeedOptions;
  readonly #connections = new Set<Connection>();
  #dropUserMessages = 0;
  /** Error messages sent to clients (authentication failures, late subscribes). */
  readonly errors: string[] = [];

  constructor(venue: PaperVenue, verifier: JwtVerifier, options: FeedOptions) {
    this.#venue = venue;
    this.#verifier = verifier;
    this.#options = options;
    venue.onOrder((order) => this.#broadcastOrder(order));
    venue.onTicker((ticker) => this.#broadcastTicker(ticker));
  }

  /** Takes a new connection. */
  accept(socket: WebSocket, kind: FeedKind): void {
    const connection: Connection = {
      socket,
      kind,
      channels: new Set(),
      products: [],
      sequence: 0,
      heartbeats: 0,
      deadline: setTimeout(
        () => this.#reject(connection, 'no subscribe within the deadline'),
        this.#options.subscribeDeadlineMs,
      ),
    };
    this.#connections.add(connection);
    socket.on('message', (data) => void this.#onMessage(connection, data.toString()));
    socket.on('close', () => {
      clearTimeout(connection.deadline);
      this.#connections.delete(connection);
    });
  }

  /** How many connections of a kind are subscribed to something. */
  subscribedCount(kind: FeedKind): number {
    return [...this.#connections].filter(
      (connection) => connection.kind === kind && connection.channels.size > 0,
    ).length;
  }

  /** Loses the next `count` user-channel messages (their sequence numbers are used up). */
  dropUserMessages(count: number): void {
    this.#dropUserMessages += count;
  }

  /** Sends one heartbeat on every connection subscribed to `heartbeats`. */
  sendHeartbeats(): void {
    for (const connection of this.#connections) {
      if (!connection.channels.has('heartbeats')) continue;
      connection.heartbeats += 1;
      const counter = connection.heartbeats % 2 === 0 ? connection.heartbeats : String(connection.heartbeats);
      this.#send(connection, 'heartbeats', [
        { current_time: coinbaseTime(this.#venue.clock.now()), heartbeat_counter: counter },
      ]);
    }
  }

  /** Closes every connection of a kind. */
  closeAll(kind: FeedKind, code = 1001): void {
    for (const connection of [...this.#connections])
      if (connection.kind === kind) connection.socket.close(code, 'server closing');
  }

  /** Resolves once every open connection has answered a ping: all sent before it has been read. */
  async flush(): Promise<void> {
    const open = [...this.#connections].filter(
      (connection) => connection.socket.readyState === connection.socket.OPEN,
    );
    await Promise.all(
      open.map(
        (connection) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 1_000);
            connection.socket.once('pong', () => {
              clearTimeout(timer);
              resolve();
            });
            connection.socket.ping();
          }),
      ),
    );
  }

  async #onMessage(connection: Connection, text: string): Promise<void> {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return this.#reject(connection, 'malformed JSON');
    }
    const channel = String(message.channel);
    if (message.type !== 'subscribe') return;
    const needsJwt = connection.kind === 'user' || message.jwt !== undefined;
    if (needsJwt) {
      const verdict = await this.#verifier.verify(typeof message.jwt === 'string' ? message.jwt : undefined);
      if (!verdict.ok) return this.#reject(connection, `authentication failure: ${verdict.reason}`);
    }
    clearTimeout(connection.deadline);
    connection.channels.add(channel);
    if (Array.isArray(message.product_ids)) connection.products = message.product_ids.map(String);
    const subscriptions = Object.fromEntries(
      [...connection.channels].map((name) => [name, [...connection.products]]),
    );
    this.#send(connection, 'subscriptions', [{ subscriptions }]);
    if (channel === 'user') this.#snapshot(connection);
    if (channel === 'ticker') this.#tickerSnapshot(connection);
  }

  #snapshot(connection: Connection): void {
    const open = [...this.#venue.orders.values()].filter(
      (order) => !isTerminal(order.status) && this.#wants(connection, order.symbol),
    );
    // Batches of 50; a batch with fewer than 50 (possibly none) ends the snapshot.
    for (let start = 0; start <= open.length; start += snapshotBatch) {
      const orders = open.slice(start, start + snapshotBatch).map(userOrderJson);
      this.#send(connection, 'user', [{ type: 'snapshot', orders, positions: {} }]);
    }
  }

  #tickerSnapshot(connection: Connection): void {
    const tickers = this.#venue.markets.flatMap((market) => {
      const ticker = this.#venue.tickers.get(market.symbol);
      return ticker !== undefined && this.#wants(connection, market.symbol)
        ? [tickerJson(market, ticker)]
        : [];
    });
    this.#send(connection, 'ticker', [{ type: 'snapshot', tickers }]);
  }

  #broadcastOrder(order: ExchangeOrder): void {
    for (const connection of this.#connections) {
      if (!connection.channels.has('user') || !this.#wants(connection, order.symbol)) continue;
      if (this.#dropUserMessages > 0) {
        this.#dropUserMessages -= 1;
        connection.sequence += 1;
        continue;
      }
      this.#send(connection, 'user', [{ type: 'update', orders: [userOrderJson(order)] }]);
    }
  }

  #broadcastTicker(ticker: Ticker): void {
    const market = this.#venue.markets.find((candidate) => candidate.symbol === ticker.symbol);
    if (market === undefined) return;
    for (const connection of this.#connections) {
      if (!connection.channels.has('ticker') || !this.#wants(connection, ticker.symbol)) continue;
      this.#send(connection, 'ticker', [{ type: 'update', tickers: [tickerJson(market, ticker)] }]);
    }
  }

  #wants(connection: Connection, symbol: string): boolean {
    return connection.products.length === 0 || connection.products.includes(symbol.replace('/', '-'));
  }

  #send(connection: Connection, channel: string, events: unknown[]): void {
    const envelope = {
      channel,
      client_id: '',
      timestamp: coinbaseTime(this.#venue.clock.now()),
      sequence_num: connection.sequence,
      events,
    };
    connection.sequence += 1;
    if (connection.socket.readyState === connection.socket.OPEN)
      connection.socket.send(JSON.stringify(envelope));
  }

  #reject(connection: Connection, reason: string): void {
    this.errors.push(reason);
    if (connection.socket.readyState === connection.socket.OPEN) {
      connection.socket.send(JSON.stringify({ type: 'error', message: reason }));
      connection.socket.close(1008, reason.slice(0, 100));
    }
  }
}
