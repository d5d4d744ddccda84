import { createGraphQLServer, type EscoGraphQL } from '../src/graphql/index.js';
import { realStore } from './real-store.js';

export interface GraphQLResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

let cached: Promise<EscoGraphQL> | undefined;

/** The GraphQL server over the real v1.1.1 store, run in-process (executeOperation, no HTTP). */
export function realGraphQL(): Promise<EscoGraphQL> {
  cached ??= realStore().then((store) => createGraphQLServer({ store }));
  return cached;
}

export async function runQuery<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>> {
  const graphql = await realGraphQL();
  const response = await graphql.apollo.executeOperation({ query, variables }, { contextValue: graphql.contextFor({}) });
  if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
  return response.body.singleResult as GraphQLResult<T>;
}
