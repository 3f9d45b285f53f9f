// A newest-first list read page by page (`before` = next_before of the previous page), which live
// events can prepend to.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { getJson, messageOf, withQuery } from './api';
import type { Page } from './types';

export interface Paged<Item> {
  items: Item[];
  next: string | null;
  loading: boolean;
  error: string | undefined;
  more(): void;
  /** Puts `item` first, replacing an item of the same key. */
  prepend(item: Item): void;
}

export function usePaged<Item>(
  path: string,
  filters: Record<string, string | undefined>,
  keyOf: (item: Item) => string,
  limit = 50,
): Paged<Item> {
  const [items, setItems] = useState<Item[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const filterKey = JSON.stringify(filters);

  const load = useCallback(
    async (before: string | null, replace: boolean) => {
      setLoading(true);
      try {
        const page = await getJson<Page<Item>>(
          withQuery(path, { ...(JSON.parse(filterKey) as Record<string, string>), before, limit }),
        );
        setItems((current) => (replace ? page.items : [...current, ...page.items]));
        setNext(page.next_before);
        setError(undefined);
      } catch (failure) {
        setError(messageOf(failure));
      } finally {
        setLoading(false);
      }
    },
    [path, filterKey, limit],
  );

  useEffect(() => {
    setItems([]);
    void load(null, true);
  }, [load]);

  const more = useCallback(() => {
    if (next !== null) void load(next, false);
  }, [load, next]);
  const prepend = useCallback(
    (item: Item) => setItems((current) => [item, ...current.filter((one) => keyOf(one) !== keyOf(item))]),
    [keyOf],
  );
  return { items, next, loading, error, more, prepend };
}
