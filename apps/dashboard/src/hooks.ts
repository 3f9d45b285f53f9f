// Small shared hooks: a GET that reloads when its path changes, and a ticking clock for ages.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, messageOf } from './api';

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  status: number | undefined;
  loading: boolean;
  reload(): void;
  set(update: (data: T) => T): void;
}

/** GET `path` (null = nothing to load) on mount and whenever `path` changes. */
export function useGet<T>(path: string | null): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<{ message: string; status: number | undefined } | undefined>();
  const [loading, setLoading] = useState(false);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setLoading(true);
    getJson<T>(path).then(
      (answer) => {
        if (!current) return;
        setData(answer);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError({
          message: messageOf(failure),
          status: failure instanceof ApiError ? failure.status : undefined,
        });
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [path, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  const set = useCallback((update: (data: T) => T) => {
    setData((value) => (value === undefined ? value : update(value)));
  }, []);
  return { data, error: error?.message, status: error?.status, loading, reload, set };
}

/** Date.now(), refreshed every `everyMs`. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
