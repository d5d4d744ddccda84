import Negotiator from 'negotiator';
import type { EscoStore } from '../store/esco-store.js';
import type { SearchService } from '../search/index.js';
import { badUserInput } from './errors.js';
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
  /**
   * The language texts are answered in: the one asked for, else the request's (its Accept-Language, among the
   * languages the store holds), else English. Throws BAD_USER_INPUT for anything that is not a language tag.
   */
  language(requested?: string | null): string;
  /** True when the request presented the configured write token. */
  canWrite: boolean;
  /** False when no write token is configured, so that nothing can write. */
  writesEnabled: boolean;
  /**
   * Whose rate-limit bucket the request's linking and analysis are charged to: the write token's holder, else the
   * client's IP address. Absent for requests run in-process, which nothing limits.
   */
  client?: string;
}

export interface ContextOptions {
  store: EscoStore;
  search: SearchService;
  services?: Partial<GraphQLServices>;
  writeToken?: string;
  /** The request's Authorization header. */
  authorization?: string;
  /** The request's Accept-Language header: the default language of its texts. */
  acceptLanguage?: string;
  /** Store reads stop with a QUERY_TIMEOUT error after this instant (ms since the epoch). */
  deadline: number;
  /** The client's IP address, for the rate limit. */
  ip?: string;
}

/** A language tag as ESCO uses them: `fr`, `pt`, `en-us`. */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{1,8}){0,2}$/i;

/** The request's preferred language among those the store holds, or English. */
function requestLanguage(store: EscoStore, acceptLanguage: string | undefined): string {
  if (!acceptLanguage) return 'en';
  const available = [...new Set(store.versions().flatMap((summary) => summary.languages))];
  return new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language(available)?.toLowerCase() ?? 'en';
}

export function createContext(options: ContextOptions): GraphQLContext {
  const { store } = options;
  let preferred: string | undefined;
  const canWrite = Boolean(options.writeToken) && options.authorization === `Bearer ${options.writeToken}`;
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
    language(requested) {
      if (requested == null) return (preferred ??= requestLanguage(store, options.acceptLanguage));
      if (!LANGUAGE_TAG.test(requested)) throw badUserInput(`language must be a language tag such as "fr" or "en-us" (got ${JSON.stringify(requested.slice(0, 20))})`);
      return requested.toLowerCase();
    },
    canWrite,
    writesEnabled: Boolean(options.writeToken),
    // A wrong token counts as none: sending random tokens must not buy fresh buckets.
    client: canWrite ? 'write-token' : options.ip && `ip:${options.ip}`,
  };
}
