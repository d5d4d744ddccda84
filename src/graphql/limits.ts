import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import {
  type DocumentNode, type FragmentDefinitionNode, GraphQLError, Kind, type OperationDefinitionNode, type SelectionSetNode,
  getNullableType, getVariableValues, isListType, type ValidationRule,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { GraphQLContext } from './context.js';
import type { TokenBuckets } from './rate-limit.js';
import type { WorkGate } from './work-gate.js';

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

/**
 * Lists assumed shorter: supplyDemand's regions are the request's own region names (the dashboard sends two or
 * three), each a page of rows already computed; at 20 they priced the dashboard's comparison of 200 programmes
 * above the limit.
 */
const ASSUMED_SIZES: Record<string, number> = { 'SupplyDemand.regions': 5 };

/** Each field costs 1; a list field multiplies its selection by `first` (or by an assumed list size). */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const introspection = INTROSPECTION_COST[field.name];
  if (introspection !== undefined) return introspection;
  if (!isListType(getNullableType(field.type)) && !('first' in args)) return undefined;
  const size = typeof args.first === 'number' ? args.first : (ASSUMED_SIZES[`${type.name}.${field.name}`] ?? ASSUMED_LIST_SIZE);
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
 * What the fields that link text or run an analysis cost on top of their selection: in proportion to their input,
 * one unit for about 0.1 ms of CPU, so that the 20,000 limit admits about 2 s of work (measured on the 2-core
 * machine with real v1.1.1 data, see README.md here). Aliases are separate fields, each priced with its own
 * arguments, and arguments are read with their variables, so moving text into a variable or aliasing one variable
 * 100 times costs what the work costs.
 */
export const WORK_PRICES = {
  /** A character ranked against skills or occupations: 0.10–0.16 ms lexical, 0.33 ms with the tiny test model. */
  linkedChar: 3,
  /** Each text ranked on its own (an outcome, a sentence, an entry): 1.2 ms lexical, 9 ms with the test model. */
  linkedText: 50,
  /** Splitting without ranking: 99,000 characters in 6–9 ms. */
  splitChar: 0.01,
  /** A stored outcome's suggestions: its text is not known before running, so an outcome of 150 characters. */
  storedOutcome: 500,
  /** similarSkills: the skill's vector against every skill's, 16–77 ms. */
  similarSkills: 500,
  /**
   * Job ads (linkJobAds, supplyDemand's text entries): priced at a thirtieth of other text, because the dashboard
   * sends 1,000 ads of ~400 characters in one request (58 s lexical): it costs 18,000 and is let through. Once the
   * web app sends batches of ~30 ads, these can cost what other text costs.
   */
  jobAdChar: 0.04,
  jobAd: 2,
} as const;

const lengthOf = (text: unknown) => (typeof text === 'string' ? text.length : 0);
const textsOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const entryTexts = (entries: unknown) => textsOf(entries).map((entry) => (entry as { text?: unknown } | null)?.text);

/** Texts ranked one by one, each `pieces` ranking passes (a text split into outcomes or sentences ranks each). */
function linkedWork(texts: unknown[], pieces: (text: string) => number = () => 1): number {
  let units = 0;
  for (const text of texts) {
    if (typeof text === 'string') units += WORK_PRICES.linkedChar * text.length + WORK_PRICES.linkedText * pieces(text);
  }
  return units;
}

/** An upper bound of the outcomes or sentences a text splits into, without running the splitter per alias. */
const splitPieces = (text: string) => 1 + (text.match(/[\n;.!?]+/g)?.length ?? 0);

function jobAdWork(texts: unknown[]): number {
  const strings = texts.filter((text): text is string => typeof text === 'string');
  return strings.reduce((units, text) => units + WORK_PRICES.jobAdChar * text.length + WORK_PRICES.jobAd, 0);
}

type Args = Record<string, any>;
const WORK: Record<string, (args: Args) => number> = {
  'Query.linkLearningOutcomes': (args) => linkedWork([args.text], splitPieces),
  'Query.splitLearningOutcomes': (args) => WORK_PRICES.splitChar * lengthOf(args.text),
  'Query.linkOutcomes': (args) => linkedWork(textsOf(args.outcomes)),
  'Query.semanticSearch': (args) => linkedWork([args.text]) * new Set(textsOf(args.types)).size,
  'Query.suggestOccupations': (args) => linkedWork([args.text]),
  'Query.similarSkills': () => WORK_PRICES.similarSkills,
  'Query.occupationMatches': (args) => linkedWork([args.from?.text], splitPieces),
  'Query.skillsGap': (args) => linkedWork([args.from?.text], splitPieces),
  'Query.supplyDemand': (args) => jobAdWork([...entryTexts(args.supply), ...entryTexts(args.demand)]),
  'Query.linkJobAds': (args) => jobAdWork(textsOf(args.ads)),
  'QualificationOutcome.suggestions': () => WORK_PRICES.storedOutcome,
};

/** The heavy fields' work on top of their selection's cost (which the next estimators give). */
const workEstimator: ComplexityEstimator = (options) => {
  const work = WORK[`${options.type.name}.${options.field.name}`];
  if (!work) return undefined;
  const selection = costEstimator(options) ?? 1 + options.childComplexity;
  return selection + work(options.args);
};

export interface OperationCost {
  /** Selections and work: what maxCost bounds. */
  cost: number;
  /** The heavy fields' share of it: what the rate limit charges. */
  work: number;
}

/**
 * Costs by parsed document (Apollo reuses the document of a query text it has seen), operation and the shape of the
 * variables, texts by their lengths: the same query asked again for another URI is not walked again. A shape too
 * long to be worth keeping (a thousand ads) is walked each time.
 */
const costs = new WeakMap<DocumentNode, Map<string, OperationCost>>();
function costOf(document: DocumentNode, operation: string | undefined, variables: Record<string, unknown>, compute: () => OperationCost): OperationCost {
  let known = costs.get(document);
  if (!known) costs.set(document, (known = new Map()));
  const key = `${operation ?? ''} ${JSON.stringify(variables, (_name, value: unknown) => (typeof value === 'string' ? value.length : value))}`;
  let cost = known.get(key);
  if (cost === undefined) {
    cost = compute();
    if (known.size < 100 && key.length < 1_000) known.set(key, cost);
  }
  return cost;
}

const refuse = (message: string, code: string) => new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

/** Most tokens a query may have: the parser stops there (the HTTP layer caps the body at 256 KiB before that). */
export const MAX_TOKENS = 5_000;

/** The cost of one operation with its variables (refusing, coded, what graphql-query-complexity cannot walk). */
export function operationCost(options: Omit<Parameters<typeof getComplexity>[0], 'estimators'>): OperationCost {
  const simple = simpleEstimator({ defaultComplexity: 1 });
  try {
    const cost = getComplexity({ ...options, estimators: [workEstimator, costEstimator, simple] });
    const work = cost - getComplexity({ ...options, estimators: [costEstimator, simple] });
    return { cost: Math.ceil(cost), work: Math.ceil(work) };
  } catch (error) {
    // Its node limit ("Query exceeds the maximum allowed number of nodes").
    if (error instanceof GraphQLError) throw refuse(error.message, 'QUERY_TOO_COMPLEX');
    throw error;
  }
}

function rateLimited(units: number, retryAfterSeconds: number, buckets: TokenBuckets): GraphQLError {
  const { perMinute, burst } = buckets.limit;
  return new GraphQLError(
    `rate limited: this request's linking and analysis cost ${units}; a client may spend ${perMinute} a minute, ${burst} at once; retry in ${retryAfterSeconds} s`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfter: retryAfterSeconds,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
      },
    },
  );
}

function busy(reason: string, retryAfterSeconds: number, gate: WorkGate): GraphQLError {
  const { concurrent, queue } = gate.limits;
  return new GraphQLError(
    `server busy: linking and analysis run ${concurrent} at a time with at most ${queue} waiting (${reason}); retry in ${retryAfterSeconds} s`,
    {
      extensions: {
        code: 'SERVER_BUSY',
        retryAfter: retryAfterSeconds,
        http: { status: 503, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
      },
    },
  );
}

/**
 * Refuses queries that are too long or too costly before they run, charges the heavy fields' work to the client's
 * bucket, and admits operations with such work through the gate (held until the response is sent). Apollo answers
 * errors thrown here with their code; thrown earlier (didResolveSource), they would become internal errors.
 */
export function limitsPlugin(limits: GraphQLLimits, buckets?: TokenBuckets, gate?: WorkGate): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      let leave: (() => void) | undefined;
      return {
        async willSendResponse() {
          leave?.();
        },
        async didResolveOperation({ request, document, operation, schema, source, contextValue }) {
          if (source.length > limits.maxQueryLength) {
            throw refuse(`query is ${source.length} characters; the limit is ${limits.maxQueryLength}`, 'QUERY_TOO_LARGE');
          }
          // Apollo checks the variables only after this hook, and the cost walk would throw its own uncoded error
          // (an internal error, HTTP 500) for a variable that does not fit its type.
          const variables = request.variables ?? {};
          const coerced = getVariableValues(schema, operation?.variableDefinitions ?? [], variables, { maxErrors: 1 });
          if (coerced.errors) throw refuse(coerced.errors[0]!.message, 'BAD_USER_INPUT');
          const operationName = request.operationName ?? undefined;
          const { cost, work } = costOf(document, operationName, variables, () => operationCost({ schema, query: document, variables, operationName }));
          if (cost > limits.maxCost) {
            throw refuse(`query costs ${cost}; the limit is ${limits.maxCost} (ask for fewer items per list, or send less text)`, 'QUERY_TOO_COMPLEX');
          }
          const client = contextValue.client;
          if (buckets && client !== undefined) {
            const charge = buckets.charge(client, work);
            if (!charge.ok) throw rateLimited(work, charge.retryAfterSeconds, buckets);
          }
          if (gate && work > 0) {
            const admission = await gate.enter();
            if (!admission.ok) {
              if (buckets && client !== undefined) buckets.refund(client, work);
              throw busy(admission.reason, admission.retryAfterSeconds, gate);
            }
            leave = admission.leave;
          }
        },
      };
    },
  };
}
