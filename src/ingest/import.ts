import N3 from 'n3';
import { ImportError } from './errors.js';
import { csvToNTriples } from './csv-reader.js';
import { tableFor } from './csv-tables.js';
import { listSources, versionFromPath, type SourceEntry } from './sources.js';
import { ESCO_LANGUAGES, GRAPH, baseLanguage } from './vocabulary.js';
import { EscoStore, compareVersions, type VersionSummary } from '../store/esco-store.js';
import { CANONICALIZE_RDF, keepLanguages, withGraph } from '../store/queries/canonicalize.js';
import { summarize } from '../store/summary.js';

export interface ImportProgress {
  phase: 'read' | 'canonicalize' | 'count';
  /** What is being worked on, for humans. */
  item: string;
  done: number;
  total: number;
}

export interface ImportOptions {
  paths: string[];
  /** Keep only literals in these languages (base subtags: `en` also keeps `en-us`). */
  languages?: string[];
  /** The version to file every input under, instead of the one read from each path. */
  version?: string;
  /** The version that queries use when they name none. */
  defaultVersion?: string;
  /** A store to add to (the saved one); versions being imported replace their old graph. */
  into?: EscoStore;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportResult {
  store: EscoStore;
  summaries: VersionSummary[];
  /** Files found but not imported (unknown CSVs, languages not kept), with why. */
  skipped: string[];
}

export function parseLanguages(list: string[] | undefined): string[] | undefined {
  if (!list || list.length === 0) return undefined;
  const languages = list.map((lang) => lang.trim().toLowerCase()).filter(Boolean);
  const unknown = languages.filter((lang) => !(ESCO_LANGUAGES as readonly string[]).includes(baseLanguage(lang)));
  if (unknown.length > 0) {
    throw new ImportError(`unknown language code(s): ${unknown.join(', ')} (ESCO languages: ${ESCO_LANGUAGES.join(', ')})`);
  }
  return languages;
}

const keeps = (languages: string[] | undefined, lang: string) =>
  !languages || languages.some((kept) => kept === lang || kept === baseLanguage(lang));

function groupByVersion(entries: SourceEntry[], override?: string): Map<string, SourceEntry[]> {
  const groups = new Map<string, SourceEntry[]>();
  for (const entry of entries) {
    const version = override ?? versionFromPath(entry.origin);
    if (!version) {
      throw new ImportError(`${entry.origin}: cannot tell which ESCO version this is; name it with --esco-version (e.g. v1.1.1)`);
    }
    groups.set(version, [...(groups.get(version) ?? []), entry]);
  }
  return groups;
}

/**
 * Imports ESCO CSV downloads and RDF dumps into one store, one named graph per version, in the canonical
 * shape. Works on a fresh store or a copy: the caller saves it only when everything succeeded.
 */
export function importEsco(options: ImportOptions): ImportResult {
  const languages = parseLanguages(options.languages);
  const groups = groupByVersion(listSources(options.paths), options.version);
  const store = options.into ?? new EscoStore();
  const progress = options.onProgress ?? (() => {});
  const skipped: string[] = [];
  const summaries: VersionSummary[] = [];
  const total = [...groups.values()].reduce((sum, entries) => sum + entries.length, 0);
  let done = 0;

  for (const [version, entries] of groups) {
    const graph = GRAPH.version(version);
    store.forgetVersion(version);
    // Only this version's graph changes from here until its summary is recorded.
    const sizeBefore = store.size;
    let imported = 0;
    let hasRdf = false;
    for (const entry of entries) {
      progress({ phase: 'read', item: entry.label, done: done++, total });
      if (entry.kind === 'rdf') {
        loadRdf(store, entry, graph);
        hasRdf = true;
        imported++;
        continue;
      }
      const match = tableFor(entry.name);
      if (!match) {
        skipped.push(`${entry.label}: not an ESCO CSV table`);
        continue;
      }
      if (match.language && !keeps(languages, match.language)) {
        skipped.push(`${entry.label}: language ${match.language} not kept`);
        continue;
      }
      store.loadTrusted(csvToNTriples(entry.label, entry.read(), match.table, match.language ?? '').join('\n'), graph);
      imported++;
    }
    if (imported === 0) {
      throw new ImportError(`no ESCO files found for ${version} in ${[...new Set(entries.map((e) => e.origin))].join(', ')}`);
    }
    if (hasRdf) {
      const updates = [...CANONICALIZE_RDF, ...(languages ? keepLanguages(languages) : [])];
      updates.forEach((update, index) => {
        progress({ phase: 'canonicalize', item: version, done: index, total: updates.length });
        store.update(withGraph(graph, update));
      });
    }
    progress({ phase: 'count', item: version, done: 0, total: 1 });
    const sources = [...new Set(entries.map((entry) => entry.origin))];
    const summary = summarize(store, version, graph, sources, store.size - sizeBefore);
    store.recordVersion(summary);
    summaries.push(summary);
  }

  const known = store.versions().map((v) => v.version);
  const preferred = options.defaultVersion ?? store.defaultVersion;
  store.setDefaultVersion(preferred && known.includes(preferred) ? preferred : known.sort(compareVersions).at(-1)!);
  return { store, summaries, skipped };
}

const N_QUADS = 'application/n-quads';
const ESCO_BASE = 'http://data.europa.eu/esco/';

/** A dump's own graph names are not ours: every quad is folded into the version graph. */
function quadsAsTriples(data: Buffer): string {
  const writer = new N3.Writer({ format: 'N-Triples' });
  for (const q of new N3.Parser({ format: 'N-Quads' }).parse(data.toString('utf8'))) {
    writer.addQuad(q.subject, q.predicate, q.object);
  }
  let out = '';
  writer.end((error, result: string) => {
    if (error) throw error;
    out = result;
  });
  return out;
}

function loadRdf(store: EscoStore, entry: SourceEntry, graph: string): void {
  try {
    const data = entry.read();
    if (entry.format === N_QUADS) store.loadChecked(quadsAsTriples(data), 'application/n-triples', graph, ESCO_BASE);
    // oxigraph parses a JS string about twice as fast as the same bytes handed over as a Buffer (measured).
    else store.loadChecked(data.toString('utf8'), entry.format!, graph, ESCO_BASE);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(`${entry.label}: ${(error as Error).message}`);
  }
}
