import { randomUUID } from 'node:crypto';
import { GRAPH } from '../ingest/vocabulary.js';
import { EmbeddedBackend } from './embedded-backend.js';
import { LIST_GRAPHS, META_ROWS, commitVersion, dropGraph, forgetVersion, setDefaultVersion } from './queries/graphs.js';
import { COUNT_TRIPLES } from './queries/summary.js';
import type { RdfLoad, StoreBackend } from './store-backend.js';
import { type CellRow, selectRows } from './tsv-rows.js';

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

export class UnknownVersionError extends Error {
  constructor(version: string, known: string[]) {
    super(`unknown ESCO version "${version}"; available: ${known.join(', ') || 'none (import ESCO first)'}`);
    this.name = 'UnknownVersionError';
  }
}

/** A version's new graph while it is being loaded, before it replaces the old one. */
export interface VersionStaging {
  /** The graph that the files are loaded into and that is checked, canonicalized and counted. */
  readonly graph: string;
  load(data: string, how: RdfLoad): Promise<void>;
  /** Resolves once everything given to load is in the graph (a server's loads are sent in batches). */
  loaded(): Promise<void>;
  /** Triples loaded so far (after canonicalizing: what it left). */
  triples(): Promise<number>;
  /** Makes the loaded graph the version's, with its summary, in one update. */
  commit(summary: VersionSummary): Promise<void>;
  /** Drops what was loaded; on a durable store the version's previous graph is still there. */
  abort(): Promise<void>;
}

/**
 * The two graphs a version's triples live in on a durable store, in turn: a new import loads into the one not in use,
 * and commit switches the meta graph's pointer to it. Copying or deleting triples is slow on a server (Oxigraph moves
 * about 8,000 a second inside a transaction, where its bulk loader adds 150,000), so replacing a version is a switch,
 * never a copy; the previous graph is dropped after it.
 */
const N_TRIPLES = 'application/n-triples';

/** Trusted N-Triples gathered into requests of about BATCH_CHARS characters. */
class NTriplesBatch {
  static readonly BATCH_CHARS = 64 * 1024 * 1024;
  private pending: string[] = [];
  private chars = 0;

  constructor(private readonly send: (text: string) => Promise<void>) {}

  async add(text: string): Promise<void> {
    this.pending.push(text);
    this.chars += text.length;
    if (this.chars >= NTriplesBatch.BATCH_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join('\n');
    this.pending = [];
    this.chars = 0;
    await this.send(text);
  }
}

const generations = (version: string): [string, string] => [GRAPH.version(version), `${GRAPH.version(version)}#2`];

/**
 * ESCO's versions as named graphs over a store backend (embedded or a SPARQL server). Queries name no graph: they
 * run against the chosen version's graph as their default graph, so the same named query serves every version.
 */
export class EscoStore {
  /**
   * The meta graph, read when the store is opened and again after each change made through this object: every
   * query names its version, and reading the summaries each time would cost a store query per request. Another
   * process's import is seen after reloadMeta().
   */
  private meta: { versions: VersionSummary[]; storedIn: Map<string, string>; defaultVersion?: string } = { versions: [], storedIn: new Map() };
  private writes = 0;

  /** An empty store (or one whose meta graph is read later with reloadMeta); EscoStore.open reads it at once. */
  constructor(readonly backend: StoreBackend = new EmbeddedBackend()) {}

  static async open(backend: StoreBackend): Promise<EscoStore> {
    const store = new EscoStore(backend);
    await store.reloadMeta();
    return store;
  }

  async reloadMeta(): Promise<void> {
    const rows = await selectRows(this.backend, META_ROWS);
    const storedIn = new Map<string, string>();
    const versions = rows
      .flatMap((row) => {
        if (!row.summary) return [];
        const summary = JSON.parse(row.summary.value) as VersionSummary;
        if (row.storedIn) storedIn.set(summary.version, row.storedIn.value);
        return [summary];
      })
      .sort((a, b) => compareVersions(a.version, b.version));
    const chosen = rows.find((row) => row.default)?.default?.value;
    this.meta = { versions, storedIn, defaultVersion: chosen ?? versions.at(-1)?.version };
  }

  /** Quads in every graph. */
  size(): Promise<number> {
    return this.backend.size();
  }

  versions(): VersionSummary[] {
    return [...this.meta.versions];
  }

  get defaultVersion(): string | undefined {
    return this.meta.defaultVersion;
  }

  /**
   * The graph that holds a version (the default one when none is asked for): `urn:escograph:esco:<version>`, or on a
   * server, after a re-import, its second graph (see `generations`). Throws for an unknown version.
   */
  graph(version?: string): string {
    const known = this.meta.versions.map((v) => v.version);
    const chosen = version ?? this.defaultVersion;
    if (!chosen || !known.includes(chosen)) throw new UnknownVersionError(chosen ?? '(default)', known);
    return this.meta.storedIn.get(chosen) ?? GRAPH.version(chosen);
  }

  /**
   * Which import of a version is served (its graph and import time): what caches of a version's data are keyed by,
   * so that a re-import, here or by another process, is read anew. Throws for an unknown version.
   */
  importStamp(version?: string): string {
    const graph = this.graph(version);
    const chosen = version ?? this.defaultVersion;
    return `${graph} ${this.meta.versions.find((summary) => summary.version === chosen)?.importedAt}`;
  }

  /** A SELECT over a version's graph, its rows as cells. */
  async select(query: string, version?: string): Promise<CellRow[]> {
    return selectRows(this.backend, query, this.graph(version));
  }

  /** A SELECT over a version's graph as SPARQL TSV, for readers of large answers that parse it themselves. */
  async selectTsv(query: string, version?: string): Promise<string> {
    return this.backend.selectTsv(query, this.graph(version));
  }

  async ask(query: string, version?: string): Promise<boolean> {
    return this.backend.ask(query, this.graph(version));
  }

  /** Counts the writes made through this object (qualification writes among them), so snapshots can tell they are stale. */
  get revision(): number {
    return this.writes;
  }

  async update(update: string): Promise<void> {
    this.writes++;
    await this.backend.update(update);
  }

  /** The named graphs that hold triples. */
  async graphs(): Promise<string[]> {
    return (await selectRows(this.backend, LIST_GRAPHS)).map((row) => row.g!.value);
  }

  dump(graph: string): Promise<string> {
    return this.backend.dump(graph);
  }

  /**
   * Starts replacing a version. On a durable store (a server) the new triples go into the version's graph not in
   * use, and commit switches to it in the meta graph, so a failure at any point leaves the previous version as it
   * was, and readers see the old version or the new one, never a mix. In memory the version's graph is emptied and
   * loaded in place: the atomic step there is saving the store, which a failed import never reaches.
   */
  async stage(version: string): Promise<VersionStaging> {
    const [name, second] = generations(version);
    const previous = this.meta.versions.some((v) => v.version === version) ? this.graph(version) : undefined;
    let graph: string;
    let countTriples: () => Promise<number>;
    if (this.backend.durable) {
      graph = previous === name ? second : name;
      // What an import killed while loading it left there.
      await this.update(dropGraph(graph));
      countTriples = async () => Number((await selectRows(this.backend, COUNT_TRIPLES, graph))[0]?.triples?.value ?? 0);
    } else {
      graph = name;
      await this.forgetVersion(version);
      // Only this graph changes until commit: the growth of the store is its size, which costs nothing to read
      // where counting the graph's triples with SPARQL is a scan.
      const before = await this.size();
      countTriples = async () => (await this.size()) - before;
    }
    const load = (data: string, how: RdfLoad) => {
      this.writes++;
      return this.backend.load(data, graph, how);
    };
    // A server's bulk load costs about half as much in one request as in the seventeen of an ESCO CSV download.
    const batch = this.backend.durable ? new NTriplesBatch((text) => load(text, { format: N_TRIPLES, trusted: true })) : undefined;
    return {
      graph,
      load: async (data, how) => {
        if (batch && how.trusted && how.format === N_TRIPLES) return batch.add(data);
        await batch?.flush();
        return load(data, how);
      },
      loaded: async () => batch?.flush(),
      triples: countTriples,
      commit: async (summary) => {
        await this.update(commitVersion(name, graph, JSON.stringify(summary)));
        await this.reloadMeta();
        if (previous && previous !== graph) await this.update(dropGraph(previous));
      },
      abort: () => this.update(dropGraph(graph)),
    };
  }

  async forgetVersion(version: string): Promise<void> {
    await this.update(forgetVersion(GRAPH.version(version), generations(version)));
    await this.reloadMeta();
  }

  async setDefaultVersion(version: string): Promise<void> {
    this.graph(version);
    await this.update(setDefaultVersion(version));
    await this.reloadMeta();
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
