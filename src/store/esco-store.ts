import oxigraph from 'oxigraph';
import { GRAPH, NS } from '../ingest/vocabulary.js';

export type Term = oxigraph.Term;
export type Row = Map<string, Term>;

/** What an import of one ESCO version produced; stored in the meta graph beside the data. */
export interface VersionSummary {
  version: string;
  triples: number;
  occupations: number;
  skills: number;
  skillGroups: number;
  iscoGroups: number;
  essentialRelations: number;
  optionalRelations: number;
  /** Distinct concepts that relations name but the data never defines. */
  danglingReferences: number;
  /** Relation triples that name such a concept. */
  danglingRelations: number;
  languages: string[];
  sources: string[];
  importedAt: string;
}

const META = {
  version: `${NS.escograph}Version`,
  summary: `${NS.escograph}summary`,
  defaultVersion: `${NS.escograph}defaultVersion`,
};

export class UnknownVersionError extends Error {
  constructor(version: string, known: string[]) {
    super(`unknown ESCO version "${version}"; available: ${known.join(', ') || 'none (import ESCO first)'}`);
    this.name = 'UnknownVersionError';
  }
}

/**
 * The oxigraph store with ESCO's versions as named graphs. Queries name no graph: they run against the
 * chosen version's graph as their default graph, so the same named query serves every version.
 */
export class EscoStore {
  /**
   * The meta graph read once: every query names its version, and parsing the summaries again each time cost a
   * tenth of a small GraphQL request. Every write method below drops it.
   */
  private meta?: { versions: VersionSummary[]; defaultVersion?: string };
  private updates = 0;

  constructor(readonly store: oxigraph.Store = new oxigraph.Store()) {}

  private readMeta() {
    if (!this.meta) {
      const graph = oxigraph.namedNode(GRAPH.meta);
      const versions = this.store
        .match(null, oxigraph.namedNode(META.summary), null, graph)
        .map((quad) => JSON.parse(quad.object.value) as VersionSummary)
        .sort((a, b) => compareVersions(a.version, b.version));
      const [chosen] = this.store.match(graph, oxigraph.namedNode(META.defaultVersion), null, graph);
      this.meta = { versions, defaultVersion: chosen?.object.value ?? versions.at(-1)?.version };
    }
    return this.meta;
  }

  get size(): number {
    return this.store.size;
  }

  versions(): VersionSummary[] {
    return [...this.readMeta().versions];
  }

  get defaultVersion(): string | undefined {
    return this.readMeta().defaultVersion;
  }

  /** The graph of a version (the default one when none is asked for); throws for an unknown version. */
  graph(version?: string): oxigraph.NamedNode {
    const known = this.readMeta().versions.map((v) => v.version);
    const chosen = version ?? this.defaultVersion;
    if (!chosen || !known.includes(chosen)) throw new UnknownVersionError(chosen ?? '(default)', known);
    return oxigraph.namedNode(GRAPH.version(chosen));
  }

  select(query: string, version?: string): Row[] {
    return this.store.query(query, { default_graph: this.graph(version) }) as Row[];
  }

  ask(query: string, version?: string): boolean {
    return this.store.query(query, { default_graph: this.graph(version) }) as boolean;
  }

  /** Loads N-Triples that the importer wrote itself (already valid): the fast path. */
  loadTrusted(ntriples: string, graph: string): void {
    this.meta = undefined;
    this.store.load(ntriples, {
      format: 'application/n-triples',
      to_graph_name: oxigraph.namedNode(graph),
      lenient: true,
      no_transaction: true,
    });
  }

  /** Loads user-supplied RDF, checked; syntax errors name the line. */
  loadChecked(data: string, format: string, graph: string, baseIri: string): void {
    this.meta = undefined;
    this.store.load(data, {
      format,
      base_iri: baseIri,
      to_graph_name: oxigraph.namedNode(graph),
      no_transaction: true,
    });
  }

  /** Counts the SPARQL updates applied (qualification writes among them), so snapshots can tell they are stale. */
  get revision(): number {
    return this.updates;
  }

  update(update: string): void {
    this.meta = undefined;
    this.updates++;
    this.store.update(update);
  }

  dropGraph(graph: string): void {
    this.meta = undefined;
    this.store.update(`DROP SILENT GRAPH <${graph}>`);
  }

  recordVersion(summary: VersionSummary): void {
    this.meta = undefined;
    const meta = oxigraph.namedNode(GRAPH.meta);
    const subject = oxigraph.namedNode(GRAPH.version(summary.version));
    for (const quad of this.store.match(subject, null, null, meta)) this.store.delete(quad);
    this.store.add(oxigraph.quad(subject, oxigraph.namedNode(META.summary), oxigraph.literal(JSON.stringify(summary)), meta));
  }

  forgetVersion(version: string): void {
    this.meta = undefined;
    const meta = oxigraph.namedNode(GRAPH.meta);
    for (const quad of this.store.match(oxigraph.namedNode(GRAPH.version(version)), null, null, meta)) {
      this.store.delete(quad);
    }
    this.dropGraph(GRAPH.version(version));
  }

  setDefaultVersion(version: string): void {
    this.graph(version);
    this.meta = undefined;
    const meta = oxigraph.namedNode(GRAPH.meta);
    const predicate = oxigraph.namedNode(META.defaultVersion);
    for (const quad of this.store.match(meta, predicate, null, meta)) this.store.delete(quad);
    this.store.add(oxigraph.quad(meta, predicate, oxigraph.literal(version), meta));
  }
}

/** Orders "v1.0.x" < "v1.1.0" < "v1.1.1" < "v1.2.0". */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.replace(/^v/i, '').split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : -1));
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return a.localeCompare(b);
}
