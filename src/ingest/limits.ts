import { ImportError } from './errors.js';

/** How far an import may expand its input before anything is parsed; see the README's Importing section. */
export interface ImportLimits {
  /** Decompressed bytes one import may read, all files together (ESCOGRAPH_IMPORT_MAX_BYTES). */
  maxBytes: number;
  /** How many times its compressed size a .gz or zip entry may expand (ESCOGRAPH_IMPORT_MAX_RATIO)… */
  maxRatio: number;
  /** …once past this many bytes, so small files that compress well are never suspected. */
  ratioFloor: number;
  /** Characters that XML entity references may add to an RDF/XML file (ESCOGRAPH_IMPORT_MAX_ENTITY_EXPANSION). */
  maxEntityExpansion: number;
}

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/**
 * Under gzip -9, v1.1.1 compresses 10.1 times as N-Triples, 9.0 as RDF/XML, 5.9 as Turtle, its CSVs 3–7 times in
 * the official zips; deflate reaches about 1,000 on zeros. A ratio of 30 leaves real data three times the margin
 * while holding a bomb to 30 times its size: the 14 MB gzip of 3 GB of zeros stops at 400 MB. 4 GiB holds the
 * all-language dump.
 */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxBytes: 4 * GiB,
  maxRatio: 30,
  ratioFloor: 16 * MiB,
  maxEntityExpansion: 64 * MiB,
};

const UNITS: Record<string, number> = { '': 1, k: 1024, m: MiB, g: GiB };

/** `4g`, `500M`, `1048576`: binary units, as the messages print them. */
function parseSize(name: string, value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$/i.exec(value);
  if (!match) throw new ImportError(`${name}=${value}: expected a size such as 4g, 500m or 1048576`);
  return Math.floor(Number(match[1]) * UNITS[match[2]!.toLowerCase()]!);
}

export function importLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): ImportLimits {
  const ratio = env.ESCOGRAPH_IMPORT_MAX_RATIO;
  if (ratio !== undefined && !(Number(ratio) >= 1)) {
    throw new ImportError(`ESCOGRAPH_IMPORT_MAX_RATIO=${ratio}: expected a number of at least 1`);
  }
  const size = (name: string, fallback: number) => (env[name] === undefined ? fallback : parseSize(name, env[name]!));
  return {
    maxBytes: size('ESCOGRAPH_IMPORT_MAX_BYTES', DEFAULT_IMPORT_LIMITS.maxBytes),
    maxRatio: ratio === undefined ? DEFAULT_IMPORT_LIMITS.maxRatio : Number(ratio),
    ratioFloor: DEFAULT_IMPORT_LIMITS.ratioFloor,
    maxEntityExpansion: size('ESCOGRAPH_IMPORT_MAX_ENTITY_EXPANSION', DEFAULT_IMPORT_LIMITS.maxEntityExpansion),
  };
}

export const formatBytes = (bytes: number) =>
  bytes >= GiB ? `${(bytes / GiB).toFixed(1)} GiB` : bytes >= MiB ? `${(bytes / MiB).toFixed(1)} MiB` : `${bytes.toLocaleString('en')} bytes`;

export interface ByteCap {
  cap: number;
  refusal: string;
}

/** The bytes one import has left to read; each file's decompression is capped before it starts. */
export class ByteBudget {
  private used = 0;

  constructor(readonly limits: ImportLimits) {}

  /**
   * The most `label` may expand to, and the message to give when it expands further; `compressedSize` is
   * undefined for a plain file, which only the import's total limits.
   */
  capFor(label: string, compressedSize?: number): ByteCap {
    const left = this.limits.maxBytes - this.used;
    const byRatio =
      compressedSize === undefined ? Infinity : Math.max(this.limits.ratioFloor, compressedSize * this.limits.maxRatio);
    if (compressedSize !== undefined && byRatio < left) {
      return {
        cap: byRatio,
        refusal:
          `${label}: expands to more than ${formatBytes(byRatio)}, over ${this.limits.maxRatio} times its ` +
          `${formatBytes(compressedSize)} compressed: refused as a likely decompression bomb (ESCOGRAPH_IMPORT_MAX_RATIO raises the limit)`,
      };
    }
    return {
      cap: left,
      refusal:
        `${label}: passes the import's limit of ${formatBytes(this.limits.maxBytes)} decompressed ` +
        `(${this.used > 0 ? `${formatBytes(this.used)} read before it; ` : ''}ESCOGRAPH_IMPORT_MAX_BYTES raises the limit)`,
    };
  }

  /** Refuses a file before or while it is read, as soon as it is known to pass its cap. */
  check(bytes: number, cap: ByteCap): void {
    if (bytes > cap.cap) throw new ImportError(cap.refusal);
  }

  /** Counts the bytes handed to a parser (a .gz file's compressed bytes are not counted, only what they expand to). */
  charge(bytes: number): void {
    this.used += bytes;
  }
}
