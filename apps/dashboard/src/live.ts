// The live stream GET /api/stream, read with fetch (EventSource cannot send the Authorization header)
// and parsed by SseParser. Reconnects by itself with back-off from 1 s to 10 s. Pages subscribe to
// events by name through `onLive`; the app shows the connection status and when data went stale.
import { useEffect, useRef } from 'preact/hooks';
import { authorization, onUnauthorizedStream, storedToken } from './api';
import { SseParser } from './sse-parser';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export interface LiveCallbacks {
  status(status: LiveStatus): void;
  /** Any bytes arrived (an event or a keepalive comment). */
  activity(): void;
}

type Listener = (data: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

/** Calls `listener` with the parsed data of every `name` event; returns the unsubscribe. */
export function onLive(name: string, listener: Listener): () => void {
  const set = listeners.get(name) ?? new Set<Listener>();
  set.add(listener);
  listeners.set(name, set);
  return () => set.delete(listener);
}

/** `onLive` for a component: subscribed while mounted, always calling the latest `listener`. */
export function useLive<T>(name: string, listener: (data: T) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => onLive(name, (data) => latest.current(data as T)), [name]);
}

function emit(name: string, data: string): void {
  const set = listeners.get(name);
  if (set === undefined || set.size === 0) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return;
  }
  for (const listener of set) listener(parsed);
}

/** Opens the stream and keeps it open until the returned stop is called. */
export function startLive(callbacks: LiveCallbacks): () => void {
  const controller = new AbortController();
  void run(callbacks, controller.signal);
  return () => controller.abort();
}

async function run(callbacks: LiveCallbacks, signal: AbortSignal): Promise<void> {
  let delayMs = 1000;
  callbacks.status('connecting');
  while (!signal.aborted) {
    const token = storedToken();
    if (token === null) return;
    try {
      const response = await fetch('/api/stream', {
        headers: { ...authorization(token), accept: 'text/event-stream' },
        signal,
        cache: 'no-store',
      });
      if (response.status === 401) {
        onUnauthorizedStream();
        return;
      }
      if (!response.ok || response.body === null) throw new Error(`stream answered ${response.status}`);
      callbacks.status('live');
      callbacks.activity();
      delayMs = 1000;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new SseParser();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        callbacks.activity();
        for (const event of parser.push(value)) emit(event.event, event.data);
      }
    } catch {
      // network error or abort: retried below unless stopped
    }
    if (signal.aborted) return;
    callbacks.status('reconnecting');
    await sleep(delayMs, signal);
    delayMs = Math.min(delayMs * 2, 10_000);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
