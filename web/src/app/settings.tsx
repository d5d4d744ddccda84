import { type ReactNode, createContext, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, configureApi, gql } from './api/client.js';
import { WRITE_ACCESS, type WriteAccess } from './api/documents.js';

/**
 * What every screen shares: the language labels are shown in, and the write token. The token lives in
 * sessionStorage, so it is gone when the tab closes and never sits on disk where another user of the machine finds it.
 */
export interface Settings {
  language: string;
  setLanguage(language: string): void;
  token: string;
  setToken(token: string): void;
  /** What the server said about writes with the current token; null while it is being asked. */
  access: WriteAccess['writeAccess'] | null;
  canWrite: boolean;
}

const SettingsContext = createContext<Settings | null>(null);

const TOKEN_KEY = 'escograph.token';
const LANGUAGE_KEY = 'escograph.language';

export function SettingsProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState(() => localStorage.getItem(LANGUAGE_KEY) ?? 'en');
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [access, setAccess] = useState<Settings['access']>(null);

  // Configured during render, not in an effect, so the first requests of child components already carry it.
  configureApi({ language, token: token || undefined });

  useEffect(() => {
    localStorage.setItem(LANGUAGE_KEY, language);
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
    const abort = new AbortController();
    setAccess(null);
    gql<WriteAccess>(WRITE_ACCESS, {}, abort.signal)
      .then((answer) => setAccess(answer.writeAccess))
      .catch((error: unknown) => {
        if (error instanceof ApiError) setAccess({ enabled: false, granted: false });
      });
    return () => abort.abort();
  }, [token]);

  const value = useMemo<Settings>(
    () => ({ language, setLanguage, token, setToken, access, canWrite: access?.granted ?? false }),
    [language, token, access],
  );
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): Settings {
  const settings = useContext(SettingsContext);
  if (!settings) throw new Error('useSettings outside SettingsProvider');
  return settings;
}
