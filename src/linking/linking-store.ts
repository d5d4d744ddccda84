import type { Config } from '../config.js';
import { importEsco } from '../ingest/import.js';
import type { EscoStore } from '../store/esco-store.js';
import { openConfiguredStore } from '../store/open-store.js';

/**
 * The store that linking reads: the configured one (the saved embedded store, or the SPARQL server's), else, with
 * no saved store, a fresh import of ESCO_DATA (or the given fallback paths) so the CLI and the benchmark work right
 * after checkout.
 */
export async function openLinkingStore(config: Config, ...fallbackPaths: string[]): Promise<{ store: EscoStore; version: string }> {
  let store = await openConfiguredStore(config.store, config.dataDir);
  if (!store) {
    const paths = config.escoData.length > 0 ? config.escoData : fallbackPaths;
    if (paths.length === 0) throw new Error(`no saved store in ${config.dataDir} and no ESCO_DATA: run "escograph import" first`);
    store = (await importEsco({ paths })).store;
  }
  const version = store.defaultVersion;
  if (!version) throw new Error('the store holds no ESCO version: run "escograph import" first');
  return { store, version };
}
