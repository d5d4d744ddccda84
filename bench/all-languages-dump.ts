/**
 * Bench fixture generator: a synthetic all-language ESCO v1.1.1, for bench:scale. The official dump holds 28
 * languages; the data here holds English and (partly) French, so the English text is repeated under each other tag:
 * v1.1.1 (its English CSVs and the French ones) is imported once, its graph read out, and written as gzipped
 * N-Triples where relations and every other non-text triple appear once, the real French literals once, and every
 * English literal (labels, alternative and hidden labels, descriptions, definitions, scope notes…) once more under each
 * other tag with a marker (`"[de] …"@de`) — except under `fr` where the French download has that concept's property.
 * The copies are written a language at a time: gzip then compresses them as it does any N-Triples (about 10×), where
 * a concept's 28 copies side by side would trip the importer's 30× compression-ratio cap.
 * The output is a folder of parts of at most PART_CHARS characters each, imported as one version: escograph reads an
 * RDF file into one JavaScript string, which V8 caps at 2^29 − 24 (about 512 Mi) characters.
 * Usage: node --import tsx bench/all-languages-dump.ts --languages N --out <folder named with v1.1.1>
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import N3 from 'n3';
import { importEsco } from '../src/ingest/import.js';
import { ESCO_LANGUAGES, GRAPH } from '../src/ingest/vocabulary.js';

const VERSION = 'v1.1.1';
/** Well under V8's string limit, so that each part's text (and the server's request body) fits in memory twice. */
const PART_CHARS = 200 * 1024 * 1024;

/** The 28 ESCO tags, English and French (the languages with real data) first, so `--languages 2` is the real data. */
export const SCALE_LANGUAGES: readonly string[] = ['en', 'fr', ...ESCO_LANGUAGES.filter((tag) => tag !== 'en' && tag !== 'fr')];

export interface DumpPart {
  file: string;
  triples: number;
  /** Characters of N-Triples text (what the importer holds as one string). */
  chars: number;
  /** Bytes on disk, gzipped. */
  bytes: number;
}

/** What was written, saved beside the parts as manifest.json (and read back by --keep). */
export interface DumpManifest {
  languages: string[];
  triples: number;
  chars: number;
  bytes: number;
  parts: DumpPart[];
}

export const manifestPath = (folder: string) => join(folder, 'manifest.json');

const { literal, namedNode, quad } = N3.DataFactory;
const key = (q: N3.Quad) => `${q.subject.value} ${q.predicate.value}`;
/** Its length in N-Triples, near enough to cut parts by (escapes aside). */
const lineChars = (q: N3.Quad) => q.subject.value.length + q.predicate.value.length + q.object.value.length + 16;

/** v1.1.1's graph (English CSVs, and the French ones where given), in the canonical shape, as quads. */
async function v111Quads(escoDir: string, frenchDir: string): Promise<N3.Quad[]> {
  const { store } = await importEsco({ paths: [escoDir, frenchDir] });
  return new N3.Parser({ format: 'N-Triples' }).parse(await store.dump(GRAPH.version(VERSION)));
}

/** Every triple of the synthetic dump, in the order described at the top. */
function* allLanguageQuads(base: N3.Quad[], languages: readonly string[]): Generator<N3.Quad> {
  const english: N3.Quad[] = [];
  const french = new Set<string>();
  const kept = new Set(languages);
  for (const q of base) {
    const language = q.object.termType === 'Literal' ? q.object.language : '';
    if (language === 'en') english.push(q);
    if (language === 'fr') french.add(key(q));
    if (!language || kept.has(language)) yield q;
  }
  for (const tag of languages) {
    if (tag === 'en') continue;
    for (const q of english) {
      if (tag === 'fr' && french.has(key(q))) continue;
      yield quad(q.subject, q.predicate, literal(`[${tag}] ${q.object.value}`, tag));
    }
  }
}

/** Pulls triples from `source` until a part's worth of characters has been taken; counts them into `part`. */
function* partOf(source: Iterator<N3.Quad>, part: { triples: number; chars: number }): Generator<N3.Quad> {
  while (part.chars < PART_CHARS) {
    const next = source.next();
    if (next.done) return;
    part.triples++;
    part.chars += lineChars(next.value);
    yield next.value;
  }
}

/** Writes the synthetic dump of the first `languageCount` SCALE_LANGUAGES into `folder`, streaming, part by part. */
export async function writeAllLanguagesDump(options: { languageCount: number; folder: string; escoDir: string; frenchDir: string }): Promise<DumpManifest> {
  const languages = SCALE_LANGUAGES.slice(0, options.languageCount);
  if (languages.length !== options.languageCount) throw new Error(`--languages is 1 to ${SCALE_LANGUAGES.length} (got ${options.languageCount})`);
  rmSync(options.folder, { recursive: true, force: true });
  mkdirSync(options.folder, { recursive: true });
  const source = allLanguageQuads(await v111Quads(options.escoDir, options.frenchDir), languages);
  const parts: DumpPart[] = [];
  for (let done = false; !done; ) {
    const file = `part-${String(parts.length + 1).padStart(2, '0')}.nt.gz`;
    const counts = { triples: 0, chars: 0 };
    await pipeline(Readable.from(partOf(source, counts)), new N3.StreamWriter({ format: 'N-Triples' }), createGzip(), createWriteStream(join(options.folder, file)));
    done = counts.chars < PART_CHARS;
    if (counts.triples === 0) rmSync(join(options.folder, file));
    else parts.push({ file, ...counts, bytes: statSync(join(options.folder, file)).size });
  }
  const sum = (field: 'triples' | 'chars' | 'bytes') => parts.reduce((total, part) => total + part[field], 0);
  const manifest: DumpManifest = { languages, triples: sum('triples'), chars: sum('chars'), bytes: sum('bytes'), parts };
  writeFileSync(manifestPath(options.folder), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** The manifest of a dump already in `folder` for these languages, if there is one (for --keep). */
export function existingDump(folder: string, languageCount: number): DumpManifest | undefined {
  if (!existsSync(manifestPath(folder))) return undefined;
  const manifest = JSON.parse(readFileSync(manifestPath(folder), 'utf8')) as DumpManifest;
  const complete = manifest.parts.every((part) => existsSync(join(folder, part.file)));
  return complete && manifest.languages.length === languageCount ? manifest : undefined;
}

export const describeDump = (manifest: DumpManifest) =>
  `${manifest.triples.toLocaleString('en')} triples in ${manifest.languages.length} languages (${manifest.languages.join(' ')}), ` +
  `${(manifest.chars / 1024 ** 2).toFixed(0)} MiB of N-Triples, ${(manifest.bytes / 1024 ** 2).toFixed(0)} MiB gzipped in ${manifest.parts.length} part(s)`;

if (process.argv[1] === import.meta.filename) {
  const { values } = parseArgs({ options: { languages: { type: 'string', default: String(SCALE_LANGUAGES.length) }, out: { type: 'string' } } });
  if (!values.out) throw new Error('--out <folder> is required (its path must name the version, e.g. /tmp/esco-v1.1.1-all-languages)');
  const shared = process.env.ESCOGRAPH_SHARED ?? join(import.meta.dirname, '..', '..', 'shared');
  const started = performance.now();
  const manifest = await writeAllLanguagesDump({
    languageCount: Number(values.languages), folder: values.out, escoDir: join(shared, 'esco', VERSION), frenchDir: join(shared, 'esco', `${VERSION}-fr`),
  });
  console.log(`${describeDump(manifest)}, written in ${((performance.now() - started) / 1000).toFixed(1)} s to ${values.out}`);
}
