import type { ApolloServerPlugin } from '@apollo/server';
import depthLimit from 'graphql-depth-limit';
import { type DocumentNode, GraphQLError, getNullableType, isListType, type ValidationRule } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { GraphQLContext } from './context.js';

export interface GraphQLLimits {
  /** Deepest selection nesting. */
  maxDepth: number;
  /** Highest estimated cost (see costEstimator). */
  maxCost: number;
  /** Longest query text, in characters. */
  maxQueryLength: number;
  /** Store reads stop after this many milliseconds. */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: GraphQLLimits = { maxDepth: 12, maxCost: 20_000, maxQueryLength: 20_000, timeoutMs: 10_000 };

/** What a list without a `first` argument is assumed to hold (an occupation has 15–30 essential skills). */
const ASSUMED_LIST_SIZE = 20;

/** Each field costs 1; a list field multiplies its selection by `first` (or by an assumed list size). */
export const costEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!isListType(getNullableType(field.type)) && !('first' in args)) return undefined;
  const size = typeof args.first === 'number' ? args.first : ASSUMED_LIST_SIZE;
  return 1 + Math.max(childComplexity, 1) * size;
};

export const depthRule = (limits: GraphQLLimits): ValidationRule => depthLimit(limits.maxDepth);

/**
 * Costs by parsed document (Apollo reuses the document of a query text it has seen), operation and the variables
 * that can change what is counted: numbers (`first: $n`) and booleans (`@include(if: $b)`). The same query asked
 * again for another URI or text is not walked again.
 */
const costs = new WeakMap<DocumentNode, Map<string, number>>();
function costOf(document: DocumentNode, operation: string | undefined, variables: Record<string, unknown>, compute: () => number): number {
  let known = costs.get(document);
  if (!known) costs.set(document, (known = new Map()));
  let key = operation ?? '';
  for (const [name, value] of Object.entries(variables)) {
    if (typeof value === 'number' || typeof value === 'boolean') key += ` ${name}=${value}`;
  }
  let cost = known.get(key);
  if (cost === undefined) {
    cost = compute();
    if (known.size < 100) known.set(key, cost);
  }
  return cost;
}

const refuse = (message: string, code: string) => new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

/** Most tokens a query may have: the parser stops there (the HTTP layer caps the body at 256 KiB before that). */
export const MAX_TOKENS = 5_000;

/**
 * Refuses queries that are too long or too costly before they run. Apollo answers errors thrown here with
 * their code; thrown earlier (didResolveSource), they would become internal errors.
 */
export function limitsPlugin(limits: GraphQLLimits): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, source }) {
          if (source.length > limits.maxQueryLength) {
            throw refuse(`query is ${source.length} characters; the limit is ${limits.maxQueryLength}`, 'QUERY_TOO_LARGE');
          }
          const cost = costOf(document, request.operationName ?? undefined, request.variables ?? {}, () =>
            getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: request.operationName ?? undefined,
              estimators: [costEstimator, simpleEstimator({ defaultComplexity: 1 })],
            }));
          if (cost > limits.maxCost) {
            throw refuse(`query costs ${cost}; the limit is ${limits.maxCost} (ask for fewer items per list)`, 'QUERY_TOO_COMPLEX');
          }
        },
      };
    },
  };
}
