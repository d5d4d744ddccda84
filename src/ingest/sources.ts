import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { kMaxLength } from 'node:buffer';
import { gunzipSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import { ImportError } from './errors.js';
import type { ByteBudget } from './limits.js';

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

/** zlib stops as soon as the output passes the cap, so a bomb costs no more memory than the cap. */
function gunzip(label: string, data: Buffer, budget: ByteBudget): Buffer {
  const cap = budget.capFor(label, data.length);
  let out: Buffer;
  try {
    out = gunzipSync(data, { maxOutputLength: Math.max(1, Math.min(cap.cap + 1, kMaxLength)) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ImportError(cap.refusal);
    throw new ImportError(`${label}: not a readable gzip file (${(error as Error).message})`);
  }
  return out;
}

/** `read` gives the file's bytes as stored, checked against the budget's caps; the budget is charged once, here. */
function entryFor(label: string, name: string, origin: string, read: () => Buffer, budget: ByteBudget): SourceEntry | undefined {
  const gzipped = name.toLowerCase().endsWith('.gz');
  const inner = gzipped ? name.slice(0, -3) : name;
  const type = classify(inner);
  if (!type) return undefined;
  const charged = () => {
    const data = gzipped ? gunzip(label, read(), budget) : read();
    budget.charge(data.length);
    return data;
  };
  return { label, name: basename(inner), origin, ...type, read: charged };
}

/** `../../x`, `/etc/x`, `C:\x`: names that would land outside a folder the archive were extracted to. */
const escapesArchive = (name: string) =>
  /^[\\/]/.test(name) || /^[a-z]:/i.test(name) || name.split(/[\\/]/).includes('..');

function zipEntries(path: string, budget: ByteBudget): SourceEntry[] {
  let zip: AdmZip;
  try {
    zip = new AdmZip(path);
  } catch (error) {
    throw new ImportError(`${path}: not a readable zip archive (${(error as Error).message})`);
  }
  const found: SourceEntry[] = [];
  for (const entry of zip.getEntries()) {
    const label = `${path}!${entry.entryName}`;
    if (escapesArchive(entry.entryName)) {
      throw new ImportError(`${label}: refused: a zip entry named outside its archive (absolute, or with ..), which no ESCO download has; nothing was extracted`);
    }
    if (entry.isDirectory || basename(entry.entryName).startsWith('.')) continue;
    const source = entryFor(label, entry.entryName, path, () => {
      // adm-zip stops inflating at the size the entry declares, so checking that size bounds the output.
      budget.check(entry.header.size, budget.capFor(label, entry.header.compressedSize));
      try {
        return entry.getData();
      } catch (error) {
        throw new ImportError(`${label}: cannot be extracted, the archive is damaged (${(error as Error).message})`);
      }
    }, budget);
    if (source) found.push(source);
  }
  return found;
}

function pathEntries(path: string, origin: string, budget: ByteBudget): SourceEntry[] {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new ImportError(`${path}: no such file or folder`);
  }
  if (stats.isDirectory()) {
    return readdirSync(path)
      .sort()
      .flatMap((name) => (name.startsWith('.') ? [] : pathEntries(join(path, name), origin, budget)));
  }
  if (path.toLowerCase().endsWith('.zip')) return zipEntries(path, budget);
  const size = stats.size;
  const entry = entryFor(path, path, origin, () => {
    budget.check(size, budget.capFor(path));
    return readFileSync(path);
  }, budget);
  return entry ? [entry] : [];
}

/** Every importable file under the given paths (files, folders, zips, .gz), checked to exist and open; reading them spends `budget`. */
export function listSources(paths: string[], budget: ByteBudget): SourceEntry[] {
  if (paths.length === 0) throw new ImportError('nothing to import: give ESCO files or folders (or set ESCO_DATA)');
  return paths.flatMap((path) => {
    const entries = pathEntries(path, path, budget);
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
