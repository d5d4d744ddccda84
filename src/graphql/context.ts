import type { EscoStore } from '../store/esco-store.js';
import type { SearchService } from '../search/index.js';
import { ConceptLoaders } from './loaders.js';

/**
 * Services of other modules (linking, analysis) that their resolvers reach through `context.services`.
 * A module declares its own entry by augmenting this interface:
 *   declare module '../context.js' { interface GraphQLServices { linking: LinkingService } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface GraphQLServices {}

export interface GraphQLContext {
  store: EscoStore;
  search: SearchService;
  /** Per-request DataLoaders: batched, cached for this request only. */
  loaders: ConceptLoaders;
  services: Partial<GraphQLServices>;
  /** The version a query runs against: the one asked for, else the store's default. Throws for unknown ones. */
  version(requested?: string | null): string;
  /** True when the request presented the configured write token. */
  canWrite: boolean;
}

export interface ContextOptions {
  store: EscoStore;
  search: SearchService;
  services?: Partial<GraphQLServices>;
  writeToken?: string;
  /** The request's Authorization header. */
  authorization?: string;
  /** Store reads stop with a QUERY_TIMEOUT error after this instant (ms since the epoch). */
  deadline: number;
}

export function createContext(options: ContextOptions): GraphQLContext {
  const { store } = options;
  return {
    store,
    search: options.search,
    loaders: new ConceptLoaders(store, options.deadline),
    services: options.services ?? {},
    version(requested) {
      const chosen = requested ?? store.defaultVersion;
      store.graph(chosen);
      return chosen!;
    },
    canWrite: Boolean(options.writeToken) && options.authorization === `Bearer ${options.writeToken}`,
  };
}
