export { requireWrite } from './auth.js';
export { type GraphQLContext, type GraphQLServices, createContext } from './context.js';
export { badUserInput } from './errors.js';
export { type EscoGraphQL, type GraphQLServerOptions, createGraphQLServer } from './graphql-server.js';
export { DEFAULT_LIMITS, type GraphQLLimits } from './limits.js';
export type { ConceptRef } from './models.js';
export { loadTypeDefs } from './schema-files.js';
