import { Agent, fetch, type Response } from 'undici';
import { COUNT_QUADS } from './queries/graphs.js';
import type { RdfLoad, StoreBackend } from './store-backend.js';
import { parseTsvResults } from './tsv-rows.js';

/** Where a SPARQL 1.1 server answers: the Protocol's query and update services and the Graph Store Protocol's. */
export interface ServerEndpoints {
  query: string;
  update: string;
  /** The Graph Store Protocol service (Oxigraph's `/store`), addressed as `?graph=<iri>`. */
  store: string;
  /** Sent as the Authorization header of every request, when the server wants one. */
  authorization?: string;
}

/** A request the server answered with an error, or could not be sent at all (status undefined). */
export class StoreServerError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'StoreServerError';
  }
}

/** How long a query or update may take before the server is taken for hung; bulk loads have no limit. */
const REQUEST_TIMEOUT_MS = 120_000;
/**
 * N-Triples are posted in pieces of about this size, each cut at a line end: a request stays well within the
 * server's body and read limits (Oxigraph times out a request after 60 s) whatever the size of the version.
 */
const LOAD_CHUNK_CHARS = 64 * 1024 * 1024;
/**
 * Connections a process keeps to the server at most; further requests wait their turn in this process, in order.
 * Without a bound, a replica under 200 clients opened a connection for every SPARQL query in flight, more at once
 * than `oxigraph serve` accepts (its listen backlog is 128): the kernel dropped the excess connection attempts
 * (ListenOverflows), the client's TCP retried them after 1, 3, 7 s…, and ~1% of the replica's requests waited past
 * 10 s. On 2 cores the server runs no more queries at once than this anyway.
 */
const MAX_CONNECTIONS = 16;
/** The start of the server's error text that a message quotes. */
const QUOTED_ERROR_CHARS = 1000;

const N_TRIPLES = 'application/n-triples';
/** Formats that read an `@base` directive. */
const TURTLE_FAMILY = new Set(['text/turtle', 'application/trig', 'text/n3']);

/**
 * A SPARQL 1.1 server (Oxigraph's `oxigraph serve`, or any engine with the Protocol and the Graph Store Protocol),
 * reached with undici's fetch over at most MAX_CONNECTIONS connections, kept alive between requests. SELECT answers are asked for as
 * TSV, as the embedded store gives them, so both are read by the same code.
 */
export class SparqlServerBackend implements StoreBackend {
  readonly durable = true;
  readonly name: string;
  private readonly connections = new Agent({ connections: MAX_CONNECTIONS });

  private constructor(readonly endpoints: ServerEndpoints) {
    this.name = endpoints.query;
  }

  /** Connects, checking that the query and Graph Store services answer; the error names the URL that did not. */
  static async connect(endpoints: ServerEndpoints): Promise<SparqlServerBackend> {
    const backend = new SparqlServerBackend(endpoints);
    await backend.ask('ASK {}');
    await backend.send('HEAD', storeUrl(endpoints.store, undefined), {});
    return backend;
  }

  async selectTsv(query: string, defaultGraph?: string): Promise<string> {
    return this.send('POST', withDataset(this.endpoints.query, defaultGraph), {
      headers: { 'Content-Type': 'application/sparql-query', Accept: 'text/tab-separated-values' },
      body: query,
    });
  }

  async ask(query: string, defaultGraph?: string): Promise<boolean> {
    const answer = await this.send('POST', withDataset(this.endpoints.query, defaultGraph), {
      headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' },
      body: query,
    });
    return (JSON.parse(answer) as { boolean: boolean }).boolean;
  }

  async update(update: string): Promise<void> {
    await this.send('POST', this.endpoints.update, { headers: { 'Content-Type': 'application/sparql-update' }, body: update });
  }

  /**
   * Graph Store Protocol POST, which adds to the graph. Oxigraph's `no_transaction` takes its bulk loader, the
   * path `oxigraph load` takes: a load is not atomic then, which is why EscoStore loads into a graph no reader
   * uses and switches to it once complete. Trusted N-Triples are also parsed leniently. The protocol takes no base
   * IRI (a server resolves relative IRIs against the graph's name): Turtle gets it as an `@base` directive, on its
   * first line so that error messages keep their line numbers; RDF/XML must carry its own `xml:base`.
   */
  async load(data: string, graph: string, how: RdfLoad): Promise<void> {
    const url = `${storeUrl(this.endpoints.store, graph)}&no_transaction${how.trusted ? '&lenient' : ''}`;
    const based = how.baseIri && TURTLE_FAMILY.has(how.format) ? `@base <${how.baseIri}> . ${data}` : data;
    const pieces = how.format === N_TRIPLES ? lineChunks(based, LOAD_CHUNK_CHARS) : [based];
    for (const piece of pieces) {
      await this.send('POST', url, { headers: { 'Content-Type': `${how.format}; charset=utf-8` }, body: piece }, null);
    }
  }

  async dump(graph: string): Promise<string> {
    return this.send('GET', storeUrl(this.endpoints.store, graph), { headers: { Accept: N_TRIPLES } });
  }

  async size(): Promise<number> {
    return Number(parseTsvResults(await this.selectTsv(COUNT_QUADS))[0]?.n?.value ?? 0);
  }

  async close(): Promise<void> {
    await this.connections.close();
  }

  /** Sends one request; resolves with the answer's text once the server answered 2xx, else rejects naming it. */
  private async send(method: string, url: string, init: { headers?: Record<string, string>; body?: string }, timeoutMs: number | null = REQUEST_TIMEOUT_MS): Promise<string> {
    const headers = { ...init.headers, ...(this.endpoints.authorization ? { Authorization: this.endpoints.authorization } : {}) };
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body: init.body, dispatcher: this.connections, ...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}) });
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause ?? (error as Error);
      throw new StoreServerError(`cannot reach the SPARQL server at ${url}: ${cause.message} (is it running? ESCOGRAPH_STORE names it)`);
    }
    const text = await response.text();
    if (!response.ok) {
      const said = text.trim().slice(0, QUOTED_ERROR_CHARS) || response.statusText;
      throw new StoreServerError(`the SPARQL server answered ${response.status} to ${method} ${url.split('?')[0]}: ${said}`, response.status);
    }
    return text;
  }
}

const withDataset = (url: string, defaultGraph?: string) =>
  defaultGraph ? `${url}${url.includes('?') ? '&' : '?'}default-graph-uri=${encodeURIComponent(defaultGraph)}` : url;

/** The Graph Store Protocol's indirect addressing: `?graph=<iri>`, or `?default` for the default graph. */
const storeUrl = (store: string, graph: string | undefined) =>
  `${store}${store.includes('?') ? '&' : '?'}${graph ? `graph=${encodeURIComponent(graph)}` : 'default'}`;

/** Pieces of at most about `size` characters, each ending at a line end (N-Triples: one triple a line). */
function lineChunks(text: string, size: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = start + size >= text.length ? text.length : text.indexOf('\n', start + size);
    if (end < 0) end = text.length;
    else if (end < text.length) end++;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}
