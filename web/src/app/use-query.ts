import { useCallback, useEffect, useState } from 'react';
import { ApiError, gql } from './api/client.js';
import { useSettings } from './settings.js';

export interface QueryState<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * Runs a GraphQL query when its variables (or the UI language) change, dropping answers to requests that were
 * superseded, so a fast typist never sees an older answer replace a newer one. `skip` holds the query back.
 */
export function useQuery<T>(query: string, variables: Record<string, unknown> = {}, skip = false): QueryState<T> {
  const { language } = useSettings();
  const [state, setState] = useState<Omit<QueryState<T>, 'reload'>>({ data: undefined, error: undefined, loading: !skip });
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables);

  useEffect(() => {
    if (skip) return;
    const abort = new AbortController();
    setState((previous) => ({ ...previous, loading: true, error: undefined }));
    gql<T>(query, JSON.parse(key) as Record<string, unknown>, abort.signal)
      .then((data) => setState({ data, error: undefined, loading: false }))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        setState({ data: undefined, error: error instanceof ApiError ? error.message : String(error), loading: false });
      });
    return () => abort.abort();
  }, [query, key, skip, language, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, reload };
}

/** An error's message for the screen: the server's words when it gave some. */
export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
