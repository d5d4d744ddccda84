import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { EscoStore } from '../store/esco-store.js';
import { SearchService } from '../search/index.js';
import { type GraphQLContext, type GraphQLServices, createContext } from './context.js';
import { formatError } from './errors.js';
import type { Resolvers } from './generated/types.js';
import { DEFAULT_LIMITS, type GraphQLLimits, MAX_TOKENS, depthRule, limitsPlugin } from './limits.js';
import { DEFAULT_RATE_LIMIT, type RateLimit, TokenBuckets } from './rate-limit.js';
import { resolverMaps } from './resolvers/index.js';
import { DEFAULT_WORK_GATE, WorkGate, type WorkGateLimits } from './work-gate.js';
import { loadTypeDefs } from './schema-files.js';

export interface GraphQLServerOptions {
  store: EscoStore;
  /** Shared full-text indexes; one is made for the store when none is given. */
  search?: SearchService;
  /** Other modules' services, reached by their resolvers through context.services. */
  services?: Partial<GraphQLServices>;
  /** Token that mutations require as `Authorization: Bearer <token>`; without one, no request can write. */
  writeToken?: string;
  limits?: Partial<GraphQLLimits>;
  /** Per-client bucket of cost units that linking and analysis fields spend (DEFAULT_RATE_LIMIT when absent). */
  rateLimit?: RateLimit;
  /** How many linking and analysis operations run at once and wait (DEFAULT_WORK_GATE when absent). */
  heavyWork?: WorkGateLimits;
  /** Defaults: every schema/*.graphql and every map of resolvers/index.ts. */
  typeDefs?: string[];
  resolvers?: Resolvers[];
}

export interface EscoGraphQL {
  apollo: ApolloServer<GraphQLContext>;
  search: SearchService;
  /**
   * A fresh context (new DataLoaders) for one request, given its Authorization and Accept-Language headers and the
   * client's IP address (without one, as for in-process calls, nothing is rate limited).
   */
  contextFor(request: { authorization?: string; acceptLanguage?: string; ip?: string }): GraphQLContext;
}

export function createGraphQLServer(options: GraphQLServerOptions): EscoGraphQL {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const search = options.search ?? new SearchService(options.store);
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (rateLimit.perMinute > 0 && rateLimit.burst < limits.maxCost) {
    throw new RangeError(`the rate limit's burst (${rateLimit.burst}) is below the cost limit (${limits.maxCost}): a request within the cost limit could never pass`);
  }
  const apollo = new ApolloServer<GraphQLContext>({
    typeDefs: options.typeDefs ?? loadTypeDefs(),
    resolvers: (options.resolvers ?? resolverMaps) as ApolloServerResolvers,
    validationRules: [depthRule(limits)],
    parseOptions: { maxTokens: MAX_TOKENS },
    // The landing page is the server's own (/); Apollo's would load its sandbox from a CDN. Cache control would
    // wrap every field's resolver to compute cache hints that this API does not set.
    plugins: [limitsPlugin(limits, new TokenBuckets(rateLimit), new WorkGate(options.heavyWork ?? DEFAULT_WORK_GATE)), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled()],
    formatError,
    includeStacktraceInErrorResponses: process.env.NODE_ENV === 'development',
    introspection: true,
  });
  return {
    apollo,
    search,
    contextFor: (request) =>
      createContext({
        store: options.store,
        search,
        services: options.services,
        writeToken: options.writeToken,
        authorization: request.authorization,
        acceptLanguage: request.acceptLanguage,
        ip: request.ip,
        deadline: Date.now() + limits.timeoutMs,
      }),
  };
}

type ApolloServerResolvers = NonNullable<ConstructorParameters<typeof ApolloServer<GraphQLContext>>[0] & { resolvers?: unknown }>['resolvers'];
