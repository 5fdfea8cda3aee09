import { useCallback, useEffect, useRef, useState } from "react";

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  /** Replaces the data locally (optimistic updates); returns the previous value to roll back to. */
  set(update: (current: T) => T): T | undefined;
}

/**
 * Loads data for a view, with a retry, and lets the view update it optimistically. `initial`, when given, is
 * shown at once and not loaded again until the dependencies change or `reload()` is called.
 */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[], initial?: T): Resource<T> {
  const [data, setData] = useState<T | undefined>(initial);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(initial === undefined);
  const [version, setVersion] = useState(0);
  const current = useRef<T | undefined>(initial);
  const skipFirst = useRef(initial !== undefined);

  useEffect(() => {
    if (skipFirst.current) {
      skipFirst.current = false;
      return;
    }
    let live = true;
    setLoading(true);
    setError(undefined);
    load().then(
      (d) => {
        if (!live) return;
        current.current = d;
        setData(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const set = useCallback((update: (c: T) => T) => {
    const previous = current.current;
    if (previous === undefined) return undefined;
    current.current = update(previous);
    setData(current.current);
    return previous;
  }, []);
  return { data, error, loading, reload, set };
}
