// Local stand-ins of the notification channels, real servers on loopback: an HTTP receiver for the
// Telegram Bot API (`/bot<token>/sendMessage`), Discord and Slack webhooks and a generic webhook, and
// an SMTP sink (smtp-server) for e-mail. Both record what arrived; the HTTP one answers with a status
// a test can change (a failing channel).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One request the receiver got. */
export interface ReceivedRequest {
  readonly path: string;
  readonly body: Record<string, unknown>;
}

/** An HTTP server that records every POST (JSON body) and answers `status`. */
export class NotifyReceiver {
  readonly requests: ReceivedRequest[] = [];
  /** What every request is answered with (200 unless a test makes the channel fail). */
  status = 200;
  readonly #server: Server;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<NotifyReceiver> {
    let receiver: NotifyReceiver | undefined;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        receiver?.requests.push({ path: request.url ?? '', body: text === '' ? {} : JSON.parse(text) });
        response.statusCode = receiver?.status ?? 200;
        response.setHeader('content-type', 'application/json');
        response.end('{"ok":true}');
      });
    });
    receiver = new NotifyReceiver(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  /** The receiver's base URL (`http://127.0.0.1:port`). */
  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** The requests to one path. */
  at(path: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** One e-mail the sink accepted. */
export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: string;
  readonly user: string | undefined;
}

/** A real SMTP server on loopback (no TLS) that keeps every message. */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  readonly #server: SMTPServer;

  private constructor(server: SMTPServer) {
    this.#server = server;
  }

  static async start(): Promise<SmtpSink> {
    let sink: SmtpSink | undefined;
    const server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      onAuth(auth, _session, callback) {
        if (auth.username === 'hookline' && auth.password === 'smtp-secret')
          callback(null, { user: auth.username });
        else callback(new Error('invalid user name or password'));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          sink?.mails.push({
            from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            raw: Buffer.concat(chunks).toString('utf8'),
            user: typeof session.user === 'string' ? session.user : undefined,
          });
          callback();
        });
      },
    });
    sink = new SmtpSink(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return sink;
  }

  get port(): number {
    return (this.#server.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
