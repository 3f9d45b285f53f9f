// A server-sent-events parser for a stream read in arbitrary chunks (EventSource cannot send the
// Authorization header, so the stream is read with fetch). Follows the HTML event-stream rules:
// lines end in LF, CR or CRLF; a blank line dispatches the event; `:` lines are comments; `data`
// lines of one event are joined with LF; an event without data is not dispatched.

/** One dispatched event: `event` is "message" when the stream named none. */
export interface SseEvent {
  readonly event: string;
  readonly data: string;
  readonly id: string | undefined;
}

export class SseParser {
  private buffer = '';
  private eventName = '';
  private dataLines: string[] = [];
  private lastId: string | undefined;
  /** Comment lines seen so far (the server's keepalives). */
  comments = 0;

  /** Feeds one chunk; returns the events it completed. A partial line waits for the next chunk. */
  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const end = lineEnd(this.buffer, start);
      if (end === -1) break;
      const line = this.buffer.slice(start, end);
      // CRLF counts as one line end; a lone CR at the end of the buffer waits (its LF may follow).
      const width = this.buffer[end] === '\r' && this.buffer[end + 1] === '\n' ? 2 : 1;
      start = end + width;
      const event = this.line(line);
      if (event !== undefined) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) {
      this.comments += 1;
      return undefined;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.eventName = value;
    else if (field === 'data') this.dataLines.push(value);
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    const name = this.eventName;
    const lines = this.dataLines;
    this.eventName = '';
    this.dataLines = [];
    if (lines.length === 0) return undefined;
    return { event: name === '' ? 'message' : name, data: lines.join('\n'), id: this.lastId };
  }
}

/** Index of the next LF or CR from `start`; -1 when none, or when a CR ends the buffer (LF may follow). */
function lineEnd(buffer: string, start: number): number {
  for (let index = start; index < buffer.length; index += 1) {
    const char = buffer[index];
    if (char === '\n') return index;
    if (char === '\r') return index + 1 < buffer.length ? index : -1;
  }
  return -1;
}
