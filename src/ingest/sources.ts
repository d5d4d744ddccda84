import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import { ImportError } from './errors.js';

/** One file to import, wherever it lives (a plain file, a gzipped file, a zip entry, a folder's file). */
export interface SourceEntry {
  /** What the user will recognise in messages: `archive.zip!inner/file.csv` or a path. */
  label: string;
  /** The file's own name, without folders or a .gz ending. */
  name: string;
  /** The path the user gave, which the ESCO version is read from. */
  origin: string;
  kind: 'csv' | 'rdf';
  /** Media type, for RDF entries. */
  format?: string;
  read(): Buffer;
}

const RDF_FORMATS: Record<string, string> = {
  '.ttl': 'text/turtle',
  '.nt': 'application/n-triples',
  '.nq': 'application/n-quads',
  '.rdf': 'application/rdf+xml',
  '.owl': 'application/rdf+xml',
  '.xml': 'application/rdf+xml',
};

function classify(name: string): Pick<SourceEntry, 'kind' | 'format'> | undefined {
  const ext = extname(name).toLowerCase();
  if (ext === '.csv') return { kind: 'csv' };
  const format = RDF_FORMATS[ext];
  return format ? { kind: 'rdf', format } : undefined;
}

function gunzip(label: string, data: Buffer): Buffer {
  try {
    return gunzipSync(data);
  } catch (error) {
    throw new ImportError(`${label}: not a readable gzip file (${(error as Error).message})`);
  }
}

function entryFor(label: string, name: string, origin: string, read: () => Buffer): SourceEntry | undefined {
  if (name.toLowerCase().endsWith('.gz')) {
    const inner = name.slice(0, -3);
    const type = classify(inner);
    return type && { label, name: basename(inner), origin, ...type, read: () => gunzip(label, read()) };
  }
  const type = classify(name);
  return type && { label, name: basename(name), origin, ...type, read };
}

function zipEntries(path: string): SourceEntry[] {
  let zip: AdmZip;
  try {
    zip = new AdmZip(path);
  } catch (error) {
    throw new ImportError(`${path}: not a readable zip archive (${(error as Error).message})`);
  }
  const found: SourceEntry[] = [];
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory || basename(entry.entryName).startsWith('.')) continue;
    const label = `${path}!${entry.entryName}`;
    const source = entryFor(label, entry.entryName, path, () => {
      try {
        return entry.getData();
      } catch (error) {
        throw new ImportError(`${label}: cannot be extracted, the archive is damaged (${(error as Error).message})`);
      }
    });
    if (source) found.push(source);
  }
  return found;
}

function pathEntries(path: string, origin: string): SourceEntry[] {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new ImportError(`${path}: no such file or folder`);
  }
  if (stats.isDirectory()) {
    return readdirSync(path)
      .sort()
      .flatMap((name) => (name.startsWith('.') ? [] : pathEntries(join(path, name), origin)));
  }
  if (path.toLowerCase().endsWith('.zip')) return zipEntries(path);
  const entry = entryFor(path, path, origin, () => readFileSync(path));
  return entry ? [entry] : [];
}

/** Every importable file under the given paths (files, folders, zips, .gz), checked to exist and open. */
export function listSources(paths: string[]): SourceEntry[] {
  if (paths.length === 0) throw new ImportError('nothing to import: give ESCO files or folders (or set ESCO_DATA)');
  return paths.flatMap((path) => {
    const entries = pathEntries(path, path);
    if (entries.length === 0) {
      throw new ImportError(`${path}: no ESCO files found (expected ESCO CSVs, or an RDF dump: .ttl .nt .nq .rdf, optionally .gz or zipped)`);
    }
    return entries;
  });
}

/** The ESCO version a path names ("…/v1.1.1/…", "ESCO dataset - v1.1.0 - …", "esco_v1.0.x_dump…"). */
export function versionFromPath(path: string): string | undefined {
  const match = /v(\d+\.\d+(?:\.(?:\d+|x))?)/i.exec(path);
  return match ? `v${match[1]}` : undefined;
}
