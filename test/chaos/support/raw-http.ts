// HTTP/1.1 over a bare socket, for bodies fetch will not send as they are (a raw NUL byte, invalid
// UTF-8, a lone surrogate's bytes) and for a body trickled in small pieces.
import { connect } from 'node:net';

/** A request, byte for byte. */
export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  /** Send the body this many bytes at a time, pausing pauseMs between pieces. */
  readonly trickle?: { readonly chunkBytes: number; readonly pauseMs: number };
}

/** What came back: the status, or why nothing did. */
export interface RawAnswer {
  readonly status: number | undefined;
  readonly body: string;
  readonly error: string | undefined;
}

/** Sends one request on a new connection (Connection: close) and reads the whole answer. */
export async function rawRequest(port: number, request: RawRequest, timeoutMs = 20_000): Promise<RawAnswer> {
  const body = request.body ?? Buffer.alloc(0);
  const headers = {
    host: `127.0.0.1:${port}`,
    connection: 'close',
    'content-length': String(body.length),
    ...request.headers,
  };
  const head =
    `${request.method} ${request.path} HTTP/1.1\r\n` +
    Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('') +
    '\r\n';
  return await new Promise<RawAnswer>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const received: Buffer[] = [];
    let error: string | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseAnswer(Buffer.concat(received), error));
    };
    const timer = setTimeout(() => {
      error = `no complete answer within ${timeoutMs} ms`;
      finish();
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', (cause: NodeJS.ErrnoException) => {
      error = cause.code ?? cause.message; // an answer already read still counts (see parseAnswer)
    });
    socket.on('close', finish);
    socket.once('connect', async () => {
      socket.write(head);
      if (request.trickle === undefined) {
        socket.write(body);
        return;
      }
      const { chunkBytes, pauseMs } = request.trickle;
      for (let offset = 0; offset < body.length && !socket.destroyed; offset += chunkBytes) {
        socket.write(body.subarray(offset, offset + chunkBytes));
        await new Promise((resume) => setTimeout(resume, pauseMs));
      }
    });
  });
}

function parseAnswer(bytes: Buffer, error: string | undefined): RawAnswer {
  const split = bytes.indexOf('\r\n\r\n');
  const head = (split < 0 ? bytes : bytes.subarray(0, split)).toString('latin1');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
  if (!match) return { status: undefined, body: bytes.toString('utf8'), error: error ?? 'no HTTP answer' };
  const raw = split < 0 ? Buffer.alloc(0) : bytes.subarray(split + 4);
  const body = /^transfer-encoding:\s*chunked/im.test(head) ? dechunk(raw) : raw;
  return { status: Number(match[1]), body: body.toString('utf8'), error: undefined };
}

/** The body of a chunked transfer, in bytes (chunk sizes count bytes). */
function dechunk(chunked: Buffer): Buffer {
  const pieces: Buffer[] = [];
  let rest = chunked;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd < 0) break;
    const size = Number.parseInt(rest.subarray(0, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    pieces.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
    rest = rest.subarray(lineEnd + 2 + size + 2);
  }
  return Buffer.concat(pieces);
}
