import WebSocket from 'ws';
import { type BackoffOptions, backoffDelay } from '../resilience/jittered-backoff.js';

/** How a Coinbase WebSocket connection behaves. */
export interface CoinbaseSocketOptions {
  readonly url: string;
  /** The subscribe messages for a new connection, built fresh each time (each with a new JWT). */
  readonly subscribeMessages: () => Promise<readonly object[]>;
  /** A connection opened (before its subscribes are sent). */
  readonly onOpen: () => void;
  readonly onMessage: (text: string) => void;
  /** The connection was lost (once per loss, not per failed reconnect attempt). */
  readonly onDisconnected: (reason: string) => void;
  /** Default 500 ms doubling to 30 s with up to 30 % jitter. */
  readonly reconnect?: BackoffOptions;
  /** A connection silent for this long is dropped and replaced (heartbeats come every second). */
  readonly idleTimeoutMs?: number;
}

/** The reconnect backoff of the streams. */
export const defaultReconnectBackoff: BackoffOptions = { initialMs: 500, maxMs: 30_000, jitter: 0.3 };

/**
 * One self-healing WebSocket to Coinbase: connects, sends its subscribes at once (the first must
 * arrive within 5 s of connecting, docs/exchange-notes.md, Coinbase 1), passes messages on, and when
 * the connection ends or goes silent reconnects with jittered exponential backoff until stopped.
 */
export class CoinbaseSocket {
  readonly #options: CoinbaseSocketOptions;
  #socket: WebSocket | undefined;
  #attempt = 0;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  #stopped = true;
  #lost = false;

  constructor(options: CoinbaseSocketOptions) {
    this.#options = options;
  }

  /** True while a connection is open. */
  get open(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  /** Connects (idempotent). */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#connect();
  }

  /** Marks the current connection good: the next loss starts the backoff from the beginning. */
  markHealthy(): void {
    this.#attempt = 0;
    this.#lost = false;
  }

  /** Drops the current connection on purpose (e.g. after a venue error); it reconnects. */
  restart(reason: string): void {
    this.#discard();
    this.#handleClose(reason);
  }

  /** Closes for good. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#reconnectTimer);
    clearTimeout(this.#idleTimer);
    this.#discard();
  }

  // Silences and drops the current socket, so nothing it still emits reaches the stream.
  #discard(): void {
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket === undefined) return;
    socket.removeAllListeners();
    socket.on('error', () => {});
    socket.terminate();
  }

  #connect(): void {
    if (this.#stopped) return;
    const socket = new WebSocket(this.#options.url);
    this.#socket = socket;
    socket.on('open', () => {
      this.#touch();
      this.#options.onOpen();
      void this.#subscribe(socket);
    });
    socket.on('message', (data) => {
      this.#touch();
      this.#options.onMessage(data.toString());
    });
    socket.on('error', () => {
      // 'close' follows every error; the reconnect is decided there.
    });
    socket.on('close', (code, reason) => {
      if (this.#socket === socket)
        this.#handleClose(`closed (${code}${reason.length > 0 ? ` ${reason.toString()}` : ''})`);
    });
  }

  async #subscribe(socket: WebSocket): Promise<void> {
    try {
      for (const message of await this.#options.subscribeMessages()) {
        if (socket.readyState !== WebSocket.OPEN) return;
        socket.send(JSON.stringify(message));
      }
    } catch (error) {
      if (this.#socket === socket) this.restart(`subscribe failed: ${String(error)}`);
    }
  }

  #handleClose(reason: string): void {
    clearTimeout(this.#idleTimer);
    this.#socket = undefined;
    if (this.#stopped) return;
    if (!this.#lost) {
      this.#lost = true;
      this.#options.onDisconnected(reason);
    }
    const delay = backoffDelay(this.#options.reconnect ?? defaultReconnectBackoff, this.#attempt);
    this.#attempt += 1;
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = setTimeout(() => this.#connect(), delay);
    this.#reconnectTimer.unref();
  }

  #touch(): void {
    clearTimeout(this.#idleTimer);
    const idleMs = this.#options.idleTimeoutMs ?? 10_000;
    this.#idleTimer = setTimeout(() => this.restart(`no message for ${idleMs} ms`), idleMs);
    this.#idleTimer.unref();
  }
}
