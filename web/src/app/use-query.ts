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
 * Answers kept for the page's life, for queries whose answer only an import can change (versions, ISCO cards):
 * the request in flight is shared, so two components asking at once send one.
 */
const kept = new Map<string, { answer?: unknown; pending: Promise<unknown> }>();

/**
 * Runs a GraphQL query when its variables (or the UI language) change, dropping answers to requests that were
 * superseded, so a fast typist never sees an older answer replace a newer one. `skip` holds the query back;
 * `keep` answers it from the page's memory once it has been asked.
 */
export function useQuery<T>(query: string, variables: Record<string, unknown> = {}, skip = false, options: { keep?: boolean } = {}): QueryState<T> {
  const { language } = useSettings();
  const key = JSON.stringify(variables);
  const keptKey = options.keep ? `${language} ${query} ${key}` : undefined;
  const [state, setState] = useState<Omit<QueryState<T>, 'reload'>>(() => {
    const known = keptKey === undefined ? undefined : (kept.get(keptKey)?.answer as T | undefined);
    return { data: known, error: undefined, loading: !skip && known === undefined };
  });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (skip) return;
    const abort = new AbortController();
    setState((previous) => ({ ...previous, loading: true, error: undefined }));
    let request: Promise<T>;
    if (keptKey === undefined) {
      request = gql<T>(query, JSON.parse(key) as Record<string, unknown>, abort.signal);
    } else {
      let entry = kept.get(keptKey);
      if (!entry) {
        const pending = gql<T>(query, JSON.parse(key) as Record<string, unknown>);
        const created: { answer?: unknown; pending: Promise<unknown> } = { pending };
        pending.then((answer) => { created.answer = answer; }, () => kept.delete(keptKey));
        kept.set(keptKey, (entry = created));
      }
      request = entry.pending as Promise<T>;
    }
    request
      .then((data) => {
        if (!abort.signal.aborted) setState({ data, error: undefined, loading: false });
      })
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        setState({ data: undefined, error: error instanceof ApiError ? error.message : String(error), loading: false });
      });
    return () => abort.abort();
  }, [query, key, skip, language, generation, keptKey]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, reload };
}

/** An error's message for the screen: the server's words when it gave some. */
export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
