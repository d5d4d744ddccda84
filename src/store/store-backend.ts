import type { Cell } from './tsv-rows.js';

/** RDF text handed to a backend to add to a graph. */
export interface RdfLoad {
  /** A media type: application/n-triples, text/turtle, application/rdf+xml, … */
  format: string;
  /** What relative IRIs resolve against. */
  baseIri?: string;
  /** N-Triples the importer wrote itself: the engine may skip validating them. */
  trusted?: boolean;
}

/**
 * Where the triples live: the embedded Oxigraph store (WebAssembly, in this process) or a SPARQL 1.1 server. Every
 * query and update is SPARQL text named in src/store/queries/, so backends differ in transport only: how a query
 * reaches the engine, how its answer comes back (SPARQL TSV for SELECT), how RDF is bulk-loaded and dumped.
 */
export interface StoreBackend {
  /** For messages: "embedded", or the server's query URL. */
  readonly name: string;
  /**
   * True when a write is durable once the call returns (a server on disk); false when the store lives in this
   * process's memory until it is saved, so that nothing half-imported can outlive a failure.
   */
  readonly durable: boolean;
  /** A SELECT's answer as SPARQL TSV, with `defaultGraph` as the query's default graph when given. */
  selectTsv(query: string, defaultGraph?: string): Promise<string>;
  ask(query: string, defaultGraph?: string): Promise<boolean>;
  /** Applies a SPARQL Update; resolves once the engine has applied it (for a server: answered 2xx). */
  update(update: string): Promise<void>;
  /** Adds RDF to a named graph; syntax errors reject with the engine's message (which names the line). */
  load(data: string, graph: string, how: RdfLoad): Promise<void>;
  /** One graph's triples as N-Triples. */
  dump(graph: string): Promise<string>;
  /** Quads in every graph. */
  size(): Promise<number>;
  /**
   * The objects of one subject and predicate in a graph, read by pattern: only a store in this process has it,
   * where matching a pattern costs less than planning a query (~0.03 ms against ~0.15 ms). A remote query costs
   * a round trip either way.
   */
  readonly objectsOf?: (subject: string, predicate: string, graph: string) => Cell[];
  close(): Promise<void>;
}
