import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode, type FragmentDefinitionNode, GraphQLError, Kind, type OperationDefinitionNode, type SelectionSetNode,
  getNullableType, getVariableValues, isListType, type ValidationRule,
} from 'graphql';
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

/**
 * What `__schema` and `__type` cost, whatever they select: they are answered from the in-memory schema, a few
 * milliseconds for the whole of it, while the list sizes assumed for data would price graphql-js's
 * getIntrospectionQuery() at 329,852. How far their selections may multiply is bounded by graphql-js's own
 * MaxIntrospectionDepthRule (three nested `fields` / `interfaces` / `possibleTypes` / `inputFields` at most).
 */
const INTROSPECTION_COST: Record<string, number> = { __schema: 1_000, __type: 100 };

/** Each field costs 1; a list field multiplies its selection by `first` (or by an assumed list size). */
export const costEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const introspection = INTROSPECTION_COST[field.name];
  if (introspection !== undefined) return introspection;
  if (!isListType(getNullableType(field.type)) && !('first' in args)) return undefined;
  const size = typeof args.first === 'number' ? args.first : ASSUMED_LIST_SIZE;
  return 1 + Math.max(childComplexity, 1) * size;
};

/** A spread of a fragment that is not defined, or that spreads itself: graphql's own rules name those. */
class UnresolvedFragment extends Error {}

/**
 * How deep each operation nests data fields; introspection fields do not count (they answer from the schema, and
 * graphql-js bounds their nesting). Each fragment is measured once, so a chain of fragments that each spread the
 * next twice costs its length, not 2^length as in graphql-depth-limit (24 such fragments, 969 characters, took it
 * 1.6 s). Undefined when a fragment does not resolve.
 */
function depthsOf(document: DocumentNode): { operation: OperationDefinitionNode; depth: number }[] | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, number>();
  const measuring = new Set<string>();
  const fragmentDepth = (name: string): number => {
    const known = measured.get(name);
    if (known !== undefined) return known;
    const definition = fragments.get(name);
    if (!definition || measuring.has(name)) throw new UnresolvedFragment();
    measuring.add(name);
    const depth = selectionDepth(definition.selectionSet);
    measuring.delete(name);
    measured.set(name, depth);
    return depth;
  };
  // A leaf field is at depth 0, as in graphql-depth-limit, so maxDepth keeps its meaning.
  const selectionDepth = (set: SelectionSetNode): number => {
    let depth = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) depth = Math.max(depth, fragmentDepth(selection.name.value));
      else if (selection.kind === Kind.INLINE_FRAGMENT) depth = Math.max(depth, selectionDepth(selection.selectionSet));
      else if (selection.selectionSet && !selection.name.value.startsWith('__')) depth = Math.max(depth, 1 + selectionDepth(selection.selectionSet));
    }
    return depth;
  };
  try {
    return document.definitions
      .filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
      .map((operation) => ({ operation, depth: selectionDepth(operation.selectionSet) }));
  } catch (error) {
    if (error instanceof UnresolvedFragment) return undefined;
    throw error;
  }
}

/** Refuses operations that nest data fields deeper than `maxDepth`. */
export const depthRule = (limits: GraphQLLimits): ValidationRule => (context) => ({
  Document(document) {
    for (const { operation, depth } of depthsOf(document) ?? []) {
      if (depth <= limits.maxDepth) continue;
      const name = operation.name ? `'${operation.name.value}'` : 'the operation';
      context.reportError(new GraphQLError(`${name} nests ${depth} levels; the maximum depth is ${limits.maxDepth}`, { nodes: [operation] }));
    }
  },
});

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
        async didResolveOperation({ request, document, operation, schema, source }) {
          if (source.length > limits.maxQueryLength) {
            throw refuse(`query is ${source.length} characters; the limit is ${limits.maxQueryLength}`, 'QUERY_TOO_LARGE');
          }
          // Apollo checks the variables only after this hook, and the cost walk would throw its own uncoded error
          // (an internal error, HTTP 500) for a variable that does not fit its type.
          const variables = request.variables ?? {};
          const coerced = getVariableValues(schema, operation?.variableDefinitions ?? [], variables, { maxErrors: 1 });
          if (coerced.errors) throw refuse(coerced.errors[0]!.message, 'BAD_USER_INPUT');
          const cost = costOf(document, request.operationName ?? undefined, variables, () => {
            try {
              return getComplexity({
                schema,
                query: document,
                variables,
                operationName: request.operationName ?? undefined,
                estimators: [costEstimator, simpleEstimator({ defaultComplexity: 1 })],
              });
            } catch (error) {
              // Its node limit ("Query exceeds the maximum allowed number of nodes").
              if (error instanceof GraphQLError) throw refuse(error.message, 'QUERY_TOO_COMPLEX');
              throw error;
            }
          });
          if (cost > limits.maxCost) {
            throw refuse(`query costs ${cost}; the limit is ${limits.maxCost} (ask for fewer items per list)`, 'QUERY_TOO_COMPLEX');
          }
        },
      };
    },
  };
}
