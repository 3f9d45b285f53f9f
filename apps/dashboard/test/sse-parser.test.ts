import { describe, expect, it } from 'vitest';
import { SseParser } from '../src/sse-parser';

/** Feeds `chunks` in order and collects every event. */
function parse(chunks: string[]) {
  const parser = new SseParser();
  const events = chunks.flatMap((chunk) => parser.push(chunk));
  return { parser, events };
}

describe('SseParser', () => {
  it('when a whole event arrives in one chunk then its name and data are dispatched', () => {
    const { events } = parse(['event: sweep\ndata: {"at":"2026-12-06T07:00:00Z"}\n\n']);

    expect(events).toEqual([{ event: 'sweep', data: '{"at":"2026-12-06T07:00:00Z"}', id: undefined }]);
  });

  it('when a chunk ends in the middle of a line then the line waits for the rest', () => {
    const { events } = parse(['event: deci', 'sion\nda', 'ta: {"a":', '1}\n', '\n']);

    expect(events).toEqual([{ event: 'decision', data: '{"a":1}', id: undefined }]);
  });

  it('when a chunk boundary splits CRLF then no extra blank line is seen', () => {
    const { events } = parse(['event: fill\r', '\ndata: 1\r\n\r', '\nevent: order\r\ndata: 2\r\n\r\n']);

    expect(events).toEqual([
      { event: 'fill', data: '1', id: undefined },
      { event: 'order', data: '2', id: undefined },
    ]);
  });

  it('when comment lines arrive then they are counted and dispatch nothing', () => {
    const { parser, events } = parse([': keepalive\n\n', ':\n', 'data: x\n: in between\n\n']);

    expect(events).toEqual([{ event: 'message', data: 'x', id: undefined }]);
    expect(parser.comments).toBe(3);
  });

  it('when an event has several data lines then they are joined with a newline', () => {
    const { events } = parse(['event: control\ndata: first\ndata:second\ndata:  third\n\n']);

    expect(events).toEqual([{ event: 'control', data: 'first\nsecond\n third', id: undefined }]);
  });

  it('when an event has no data then nothing is dispatched and its name does not leak into the next', () => {
    const { events } = parse(['event: sweep\n\n', 'data: y\n\n']);

    expect(events).toEqual([{ event: 'message', data: 'y', id: undefined }]);
  });

  it('when several events arrive in one chunk then all are dispatched in order, with the last id', () => {
    const { events } = parse(['id: 7\nevent: a\ndata: 1\n\nevent: b\ndata: 2\n\nevent: c\ndata: 3']);

    expect(events).toEqual([
      { event: 'a', data: '1', id: '7' },
      { event: 'b', data: '2', id: '7' },
    ]);
  });

  it('when a stream is fed one character at a time then the events are the same as fed whole', () => {
    const text = ': hi\nevent: sweep\ndata: {"x":"1.5"}\n\nevent: fill\ndata: {}\n\n';

    expect(parse([...text]).events).toEqual(parse([text]).events);
  });
});
