import type { EscoStore } from './esco-store.js';

/** What changed in a shared store since the last look. */
export interface StoreChange {
  /** Versions imported, re-imported or removed (by another process). */
  versions: string[];
  /** The default version now, and whether it is another one than before. */
  defaultVersion?: string;
  defaultChanged: boolean;
}

const snapshot = (store: EscoStore) => ({
  stamps: new Map(store.versions().map(({ version }) => [version, store.importStamp(version)])),
  defaultVersion: store.defaultVersion,
});

/**
 * A replica's view of a store that other processes write (a SPARQL server's; the embedded store is this process's
 * own): the meta graph is read again every `seconds`, and `onChange` hears of each import, re-import, removal or
 * new default made elsewhere. Polling, because SPARQL has no notifications; one small query each time. Returns
 * the function that stops it.
 */
export function watchStore(store: EscoStore, seconds: number, onChange: (change: StoreChange) => void, onError: (error: Error) => void): () => void {
  let last = snapshot(store);
  let polling = false;
  const timer = setInterval(async () => {
    if (polling) return;
    polling = true;
    try {
      await store.reloadMeta();
      const now = snapshot(store);
      const versions = [...new Set([...last.stamps.keys(), ...now.stamps.keys()])].filter((v) => last.stamps.get(v) !== now.stamps.get(v));
      const defaultChanged = now.defaultVersion !== last.defaultVersion;
      last = now;
      if (versions.length > 0 || defaultChanged) onChange({ versions, defaultVersion: now.defaultVersion, defaultChanged });
    } catch (error) {
      onError(error as Error);
    } finally {
      polling = false;
    }
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
