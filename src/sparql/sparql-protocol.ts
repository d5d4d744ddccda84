/**
 * The SPARQL 1.1 Protocol's request forms and content negotiation, as plain functions: what the query is, which
 * graphs it reads, and which result format the client accepts.
 */

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

export interface SparqlRequest {
  query: string;
  /** `default-graph-uri` parameters: the graphs merged into the default graph (default: the default ESCO version). */
  defaultGraphs: string[];
  namedGraphs: string[];
  /** `version` parameter: the ESCO version whose graph is the default graph when no default-graph-uri is given. */
  version?: string;
}

export class SparqlProtocolError extends Error {
  /** `retryAfter`: seconds, for a refusal that the same request may try again (429, a full queue). */
  constructor(readonly status: number, message: string, readonly retryAfter?: number) {
    super(message);
    this.name = 'SparqlProtocolError';
  }
}

export const READ_ONLY_MESSAGE = 'this SPARQL endpoint is read-only: updates (INSERT, DELETE, LOAD, CLEAR, DROP, …) are not accepted';

/** Strips comments, IRIs and strings, so keywords inside them do not count. */
const skeleton = (query: string) =>
  query
    .replace(/<[^<>\s]*>/g, '<>')
    .replace(/"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""')
    .replace(/#[^\n]*/g, ' ');

/** The deepest nesting of braces, parentheses and square brackets outside IRIs, strings and comments. */
export function bracketDepth(query: string): number {
  let depth = 0;
  let deepest = 0;
  for (const char of skeleton(query)) {
    if (char === '{' || char === '(' || char === '[') deepest = Math.max(deepest, ++depth);
    else if (char === '}' || char === ')' || char === ']') depth--;
  }
  return deepest;
}

/** The query form, read after the prologue (BASE / PREFIX declarations); undefined when there is none. */
export function queryForm(query: string): QueryForm | undefined {
  const body = skeleton(query).replace(/^\s*(?:(?:BASE\s*<>|PREFIX\s+[\w.-]*:\s*<>)\s*)*/i, '');
  return /^(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i.exec(body)?.[1]?.toUpperCase() as QueryForm | undefined;
}

export const SERVICE_REFUSED = 'SERVICE (a federated query) is not accepted here: this endpoint answers from its own store only';

/**
 * Whether a query names SERVICE as a keyword: not inside an IRI, string or comment, nor as a variable (`?service`),
 * a prefix (`service:`) or part of a prefixed name (`ex:service`, `ex:a-service`).
 */
export const namesService = (query: string) => /(?<![\w?$:-])SERVICE\b(?!:)/i.test(skeleton(query));

export const looksLikeUpdate = (text: string) =>
  queryForm(text) === undefined &&
  /\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b/i.test(skeleton(text));

/**
 * Reads a protocol request: GET with `query=`, POST form-encoded with `query=`, or POST application/sparql-query.
 * Updates (`update=`, application/sparql-update, or update text passed as a query) are refused with 403.
 */
export function parseSparqlRequest(method: string, url: URL, contentType: string, body: string): SparqlRequest {
  const params = new URLSearchParams(url.search);
  let query: string | null = null;
  if (method === 'GET') {
    query = params.get('query');
  } else if (method === 'POST') {
    if (contentType === 'application/sparql-update') throw new SparqlProtocolError(403, READ_ONLY_MESSAGE);
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = new URLSearchParams(body);
      if (form.has('update')) throw new SparqlProtocolError(403, READ_ONLY_MESSAGE);
      for (const [name, value] of form) params.append(name, value);
      query = form.get('query');
    } else if (contentType === 'application/sparql-query') {
      query = body;
    } else {
      throw new SparqlProtocolError(415, `POST a query as application/sparql-query or application/x-www-form-urlencoded (got ${contentType || 'no Content-Type'})`);
    }
  } else {
    throw new SparqlProtocolError(405, 'use GET or POST');
  }
  if (params.has('update')) throw new SparqlProtocolError(403, READ_ONLY_MESSAGE);
  if (!query?.trim()) throw new SparqlProtocolError(400, 'missing the query parameter (a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query)');
  if (looksLikeUpdate(query)) throw new SparqlProtocolError(403, READ_ONLY_MESSAGE);
  return {
    query,
    defaultGraphs: params.getAll('default-graph-uri'),
    namedGraphs: params.getAll('named-graph-uri'),
    version: params.get('version') ?? undefined,
  };
}

/** Result formats by query form: media type → what oxigraph's `results_format` takes. The first is the default. */
const FORMATS = {
  results: ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values'],
  graph: ['text/turtle', 'application/n-triples', 'application/rdf+xml', 'application/ld+json'],
} as const;

const ALIASES: Record<string, string> = {
  json: 'application/sparql-results+json', 'application/json': 'application/sparql-results+json',
  xml: 'application/sparql-results+xml', 'application/xml': 'application/sparql-results+xml', 'text/xml': 'application/sparql-results+xml',
  csv: 'text/csv', tsv: 'text/tab-separated-values',
  turtle: 'text/turtle', ttl: 'text/turtle', 'application/x-turtle': 'text/turtle', ntriples: 'application/n-triples',
  'text/plain': 'application/n-triples', rdfxml: 'application/rdf+xml', jsonld: 'application/ld+json',
};

/**
 * Picks the result media type from a `format` parameter or the Accept header (q-values honoured); the form's
 * default when the client accepts anything; undefined when it accepts nothing this form can produce (406).
 */
export function negotiateFormat(form: QueryForm, accept: string | undefined, formatParam?: string | null): string | undefined {
  const offered: readonly string[] = form === 'SELECT' || form === 'ASK' ? FORMATS.results : FORMATS.graph;
  if (formatParam) {
    const wanted = ALIASES[formatParam.toLowerCase()] ?? formatParam.toLowerCase();
    return offered.includes(wanted) ? wanted : undefined;
  }
  if (!accept?.trim()) return offered[0];
  const ranges = accept
    .split(',')
    .map((part, order) => {
      const [range = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
      const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
      return { range: ALIASES[range] ?? range, q: Number.isFinite(q) ? q : 0, order };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { range } of ranges) {
    if (range === '*/*') return offered[0];
    if (range.endsWith('/*')) {
      const match = offered.find((type) => type.startsWith(range.slice(0, -1)));
      if (match) return match;
    }
    if (offered.includes(range)) return range;
  }
  return undefined;
}
