import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbortError } from '../app/api.ts';

export interface AsyncState<T> {
  /** The last loaded value; kept while a new key loads, so tables do not flash empty. */
  data: T | undefined;
  /** The key `data` was loaded for. */
  dataKey: string | null;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads `load()` whenever `key` changes (null: load nothing), aborting the previous request.
 * The key names everything the loader depends on, e.g. `mapping:3:0:20:`.
 */
export function useAsync<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): AsyncState<T> {
  const loadRef = useRef(load);
  loadRef.current = load;
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<Omit<AsyncState<T>, 'reload'>>({
    data: undefined,
    dataKey: null,
    error: undefined,
    loading: key !== null,
  });

  // The version prefix makes reload() ask again for the same key.
  const request = key === null ? null : `${version}:${key}`;
  useEffect(() => {
    if (request === null) {
      setState((s) => ({ ...s, loading: false, error: undefined }));
      return;
    }
    const loadedKey = request.slice(request.indexOf(':') + 1);
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted)
          setState({ data, dataKey: loadedKey, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        setState((s) => ({
          ...s,
          loading: false,
          error: error instanceof Error ? error : new Error(String(error)),
        }));
      },
    );
    return () => controller.abort();
  }, [request]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}
