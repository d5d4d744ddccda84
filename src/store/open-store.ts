import { EscoStore } from './esco-store.js';
import { hasSavedStore, openSavedStore } from './persistence.js';
import { type ServerEndpoints, SparqlServerBackend } from './sparql-server-backend.js';

/** Which backend holds the store (ESCOGRAPH_STORE): the embedded one, saved in the data directory, or a SPARQL server. */
/**
 * On a server, `pollSeconds` is how often the meta graph is read again, so that another process's import is served
 * (see store-watch.ts); 0 turns it off.
 */
export type StoreConfig = { kind: 'embedded' } | { kind: 'server'; endpoints: ServerEndpoints; pollSeconds: number };

/**
 * The configured store: the SPARQL server's, connected and with its meta graph read (it may hold no version yet),
 * or the embedded store saved in the data directory, undefined when none is saved.
 */
export async function openConfiguredStore(config: StoreConfig, dataDir: string): Promise<EscoStore | undefined> {
  if (config.kind === 'server') return EscoStore.open(await SparqlServerBackend.connect(config.endpoints));
  return hasSavedStore(dataDir) ? openSavedStore(dataDir) : undefined;
}

/** Where the store is, for messages. */
export const storeLocation = (config: StoreConfig, dataDir: string) =>
  config.kind === 'server' ? `the SPARQL server at ${config.endpoints.query}` : dataDir;
