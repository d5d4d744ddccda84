import N3 from 'n3';
import { ImportError } from './errors.js';
import { checkCsvHeader, csvToNTriples } from './csv-reader.js';
import { tableFor } from './csv-tables.js';
import { ByteBudget, DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits.js';
import { listSources, versionFromPath, type SourceEntry } from './sources.js';
import { decodeUtf8 } from './text.js';
import { checkXmlEntities } from './xml-entities.js';
import { ESCO_LANGUAGES, NS, baseLanguage } from './vocabulary.js';
import { EscoStore, type VersionStaging, compareVersions, type VersionSummary } from '../store/esco-store.js';
import { CANONICALIZE_RDF, keepLanguages, withGraph } from '../store/queries/canonicalize.js';
import { HAS_CONCEPTS } from '../store/queries/summary.js';
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
  /**
   * A store to add to (the saved one, or the SPARQL server's), or how to open it; versions being imported replace
   * their old graph. A function is called only once the first file has passed its checks.
   */
  into?: EscoStore | (() => Promise<EscoStore>);
  /** Keep only the versions imported now: the others are removed once these are in (default: kept). */
  replace?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Bounds on decompression and XML entity expansion; DEFAULT_IMPORT_LIMITS when not given. */
  limits?: ImportLimits;
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

/**
 * Before saying that an input's version is unknown, says what else is wrong with it: naming the version would
 * not help a zip whose CSVs lack the columns ESCO's have.
 */
function refuseUnversioned(origin: string, entries: SourceEntry[]): never {
  const csvs = entries.filter((entry) => entry.origin === origin && entry.kind === 'csv');
  const tables = csvs.flatMap((entry) => {
    const match = tableFor(entry.name);
    return match ? [{ entry, table: match.table }] : [];
  });
  if (csvs.length > 0 && tables.length === 0 && csvs.length === entries.filter((e) => e.origin === origin).length) {
    throw new ImportError(
      `${origin}: no ESCO CSV tables found: none of ${csvs.map((e) => e.name).join(', ')} is named like ESCO's (occupations_en.csv, skills_en.csv, …)`,
    );
  }
  for (const { entry, table } of tables) checkCsvHeader(entry.label, decodeUtf8(entry.label, entry.read()), table);
  throw new ImportError(`${origin}: cannot tell which ESCO version this is; name it with --esco-version (e.g. v1.1.1)`);
}

function groupByVersion(entries: SourceEntry[], override?: string): Map<string, SourceEntry[]> {
  const groups = new Map<string, SourceEntry[]>();
  for (const entry of entries) {
    const version = override ?? versionFromPath(entry.origin);
    if (!version) refuseUnversioned(entry.origin, entries);
    groups.set(version, [...(groups.get(version) ?? []), entry]);
  }
  return groups;
}

/**
 * Imports ESCO CSV downloads and RDF dumps into one store, one named graph per version, in the canonical shape.
 * Each version is loaded into a staging graph (EscoStore.stage) and replaces the old one only once it is complete,
 * checked and counted; a failure drops the staging graph, so a SPARQL server keeps the previous version, and an
 * embedded store is simply not saved.
 */
export async function importEsco(options: ImportOptions): Promise<ImportResult> {
  const languages = parseLanguages(options.languages);
  const budget = new ByteBudget(options.limits ?? DEFAULT_IMPORT_LIMITS);
  const groups = groupByVersion(listSources(options.paths, budget), options.version);
  let opened: Promise<EscoStore> | undefined;
  // The saved store is opened only once the first file has been read and checked: refusing a hostile file then
  // costs neither the seconds nor the memory of loading the store it would have been added to.
  const target = () => (opened ??= typeof options.into === 'function' ? options.into() : Promise.resolve(options.into ?? new EscoStore()));
  const progress = options.onProgress ?? (() => {});
  const skipped: string[] = [];
  const summaries: VersionSummary[] = [];
  const total = [...groups.values()].reduce((sum, entries) => sum + entries.length, 0);
  let done = 0;

  for (const [version, entries] of groups) {
    const sources = [...new Set(entries.map((entry) => entry.origin))];
    let staging: VersionStaging | undefined;
    try {
      let hasRdf = false;
      for (const entry of entries) {
        progress({ phase: 'read', item: entry.label, done: done++, total });
        const content = readEntry(entry, languages, budget.limits, entries.length === 1);
        if ('skip' in content) {
          skipped.push(content.skip);
          continue;
        }
        staging ??= await (await target()).stage(version);
        if ('rdf' in content) await loadRdf(staging, entry, content.rdf);
        else await staging.load(content.ntriples, { format: N_TRIPLES, trusted: true });
        hasRdf ||= entry.kind === 'rdf';
      }
      if (!staging) throw new ImportError(`no ESCO files found for ${version} in ${sources.join(', ')}`);
      await staging.loaded();
      const store = await target();
      // Before canonicalizing, which costs seconds per million triples, and counts only what it yields.
      if (!(await store.backend.ask(HAS_CONCEPTS, staging.graph))) throw notEsco(sources, version, await staging.triples());
      if (hasRdf) {
        const updates = [...CANONICALIZE_RDF, ...(languages ? keepLanguages(languages) : [])];
        for (const [index, update] of updates.entries()) {
          progress({ phase: 'canonicalize', item: version, done: index, total: updates.length });
          await store.update(withGraph(staging.graph, update));
        }
      }
      progress({ phase: 'count', item: version, done: 0, total: 1 });
      const summary = await summarize(store, version, staging.graph, sources, staging.triples());
      if (summary.occupations + summary.skills + summary.skillGroups + summary.iscoGroups === 0) {
        throw notEsco(sources, version, summary.triples);
      }
      await staging.commit(summary);
      summaries.push(summary);
    } catch (error) {
      // The import's own error is the one to report, not a failure to clean up after it (a server gone away).
      await staging?.abort().catch(() => undefined);
      throw error;
    }
  }

  const store = await target();
  if (options.replace) {
    const imported = new Set(summaries.map((summary) => summary.version));
    for (const { version } of store.versions()) if (!imported.has(version)) await store.forgetVersion(version);
  }
  const known = store.versions().map((v) => v.version);
  const preferred = options.defaultVersion ?? store.defaultVersion;
  await store.setDefaultVersion(preferred && known.includes(preferred) ? preferred : known.sort(compareVersions).at(-1)!);
  return { store, summaries, skipped };
}

const CONCEPT_TYPE_NAME = /Occupation|Skill|ISCOGroup|Concept/;

/** Garbage that parses (a million unrelated triples, a gzip of zeros) must not be saved as an ESCO version. */
const notEsco = (sources: string[], version: string, triples: number) =>
  new ImportError(
    `${sources.join(', ')}: no ESCO concepts found for ${version} (no occupations, skills, skill groups ` +
      `or ISCO groups among ${triples.toLocaleString('en')} triples): not ESCO data, nothing saved`,
  );

/**
 * A file's content, checked, before anything is added to the store: RDF as text, a CSV as N-Triples, or why a
 * CSV is skipped.
 */
function readEntry(
  entry: SourceEntry,
  languages: string[] | undefined,
  limits: ImportLimits,
  alone: boolean,
): { rdf: string } | { ntriples: string } | { skip: string } {
  if (entry.kind === 'rdf') {
    const text = decodeUtf8(entry.label, entry.read());
    if (entry.format === RDF_XML) checkXmlEntities(entry.label, text, limits.maxEntityExpansion);
    // Every ESCO file names one of these, in full or in a prefix; a file that names neither would be loaded, at
    // the cost of a real import, only to be refused for having no concepts.
    if (!text.includes(NS.skos) && !text.includes(NS.esco)) {
      throw new ImportError(`${entry.label}: names neither SKOS (${NS.skos}) nor the ESCO model (${NS.esco}): not ESCO data, nothing saved`);
    }
    // A version's only file must name a concept type, however it writes it (IRI, prefixed name, XML element).
    if (alone && !CONCEPT_TYPE_NAME.test(text)) {
      throw new ImportError(`${entry.label}: never names a concept type (Occupation, Skill, SkillGroup, ISCOGroup, Concept): not ESCO data, nothing saved`);
    }
    return { rdf: text };
  }
  const match = tableFor(entry.name);
  if (!match) return { skip: `${entry.label}: not an ESCO CSV table` };
  if (match.language && !keeps(languages, match.language)) return { skip: `${entry.label}: language ${match.language} not kept` };
  const text = decodeUtf8(entry.label, entry.read());
  return { ntriples: csvToNTriples(entry.label, text, match.table, match.language ?? '').join('\n') };
}

const N_TRIPLES = 'application/n-triples';
const N_QUADS = 'application/n-quads';
const RDF_XML = 'application/rdf+xml';
const ESCO_BASE = 'http://data.europa.eu/esco/';

/** A dump's own graph names are not ours: every quad is folded into the version graph. */
function quadsAsTriples(text: string): string {
  const writer = new N3.Writer({ format: 'N-Triples' });
  for (const q of new N3.Parser({ format: 'N-Quads' }).parse(text)) {
    writer.addQuad(q.subject, q.predicate, q.object);
  }
  let out = '';
  writer.end((error, result: string) => {
    if (error) throw error;
    out = result;
  });
  return out;
}

async function loadRdf(staging: VersionStaging, entry: SourceEntry, text: string): Promise<void> {
  try {
    // oxigraph parses a JS string about twice as fast as the same bytes handed over as a Buffer (measured).
    if (entry.format === N_QUADS) await staging.load(quadsAsTriples(text), { format: N_TRIPLES, baseIri: ESCO_BASE });
    else await staging.load(text, { format: entry.format!, baseIri: ESCO_BASE });
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(`${entry.label}: ${(error as Error).message}`);
  }
}
