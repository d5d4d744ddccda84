import oxigraph from 'oxigraph';
import type { RdfLoad, StoreBackend } from './store-backend.js';
import type { Cell } from './tsv-rows.js';

const N_TRIPLES = 'application/n-triples';

/**
 * The Oxigraph store compiled to WebAssembly, in this process's memory. Its calls are synchronous; the backend's
 * promises resolve at once. SELECT answers come as TSV: oxigraph writes the whole answer inside WASM and hands over
 * one string, where its Term objects cost a crossing (and a finalizer) per value — on a 30-row answer read in full,
 * about a fifth of the query's time.
 */
export class EmbeddedBackend implements StoreBackend {
  readonly name = 'embedded';
  readonly durable = false;

  /**
   * Graph and predicate terms, made once: a term is a WebAssembly object with a finalizer, and making three for each
   * pattern match cost a tenth of a small GraphQL request. Only graphs and predicates are kept, a few dozen IRIs.
   */
  private readonly terms = new Map<string, oxigraph.NamedNode>();

  constructor(readonly store: oxigraph.Store = new oxigraph.Store()) {}

  private term(iri: string): oxigraph.NamedNode {
    let term = this.terms.get(iri);
    if (!term) this.terms.set(iri, (term = oxigraph.namedNode(iri)));
    return term;
  }

  private dataset(defaultGraph?: string) {
    return defaultGraph ? { default_graph: this.term(defaultGraph) } : {};
  }

  async selectTsv(query: string, defaultGraph?: string): Promise<string> {
    return this.store.query(query, { ...this.dataset(defaultGraph), results_format: 'tsv' }) as string;
  }

  async ask(query: string, defaultGraph?: string): Promise<boolean> {
    return this.store.query(query, this.dataset(defaultGraph)) as boolean;
  }

  async update(update: string): Promise<void> {
    this.store.update(update);
  }

  async load(data: string, graph: string, how: RdfLoad): Promise<void> {
    // Without a transaction: the store is in memory, and a failed import is never saved (see EscoStore.stage).
    this.store.load(data, {
      format: how.format,
      to_graph_name: oxigraph.namedNode(graph),
      no_transaction: true,
      ...(how.trusted ? { lenient: true } : { base_iri: how.baseIri }),
    });
  }

  async dump(graph: string): Promise<string> {
    return this.store.dump({ format: N_TRIPLES, from_graph_name: oxigraph.namedNode(graph) });
  }

  async size(): Promise<number> {
    return this.store.size;
  }

  readonly objectsOf = (subject: string, predicate: string, graph: string): Cell[] =>
    this.store.match(oxigraph.namedNode(subject), this.term(predicate), null, this.term(graph)).map(({ object }) => ({
      value: object.value,
      language: object.termType === 'Literal' ? object.language : '',
    }));

  /** Every graph as N-Quads: what the /sparql query workers load their copy from. */
  snapshot(): string {
    return this.store.dump({ format: 'application/n-quads' });
  }

  async close(): Promise<void> {}
}
