import type { Config } from '../config.js';
import { importEsco } from '../ingest/import.js';
import type { EscoStore } from '../store/esco-store.js';
import { hasSavedStore, openSavedStore } from '../store/persistence.js';

/**
 * The store that linking reads: the saved one in the data directory, else a fresh import of ESCO_DATA (or the
 * given fallback paths) so the CLI and the benchmark work right after checkout.
 */
export function openLinkingStore(config: Config, ...fallbackPaths: string[]): { store: EscoStore; version: string } {
  let store: EscoStore;
  if (hasSavedStore(config.dataDir)) store = openSavedStore(config.dataDir);
  else {
    const paths = config.escoData.length > 0 ? config.escoData : fallbackPaths;
    if (paths.length === 0) throw new Error(`no saved store in ${config.dataDir} and no ESCO_DATA: run "escograph import" first`);
    store = importEsco({ paths }).store;
  }
  const version = store.defaultVersion;
  if (!version) throw new Error('the store holds no ESCO version: run "escograph import" first');
  return { store, version };
}
