import { isUtf8 } from 'node:buffer';
import { ImportError } from './errors.js';
import { formatBytes } from './limits.js';

/**
 * Where the first byte sequence that is not UTF-8 starts (RFC 3629: no overlong forms, no surrogates, nothing past
 * U+10FFFF). Only called once Node's own validator has said the text is not UTF-8, to tell the user where.
 */
export function firstInvalidUtf8(data: Uint8Array): number {
  let i = 0;
  while (i < data.length) {
    const lead = data[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // Per lead byte: how many continuation bytes follow, and the range the first one must fall in.
    const [length, low, high] =
      lead >= 0xc2 && lead <= 0xdf ? [1, 0x80, 0xbf]
      : lead === 0xe0 ? [2, 0xa0, 0xbf]
      : lead === 0xed ? [2, 0x80, 0x9f]
      : lead >= 0xe1 && lead <= 0xef ? [2, 0x80, 0xbf]
      : lead === 0xf0 ? [3, 0x90, 0xbf]
      : lead >= 0xf1 && lead <= 0xf3 ? [3, 0x80, 0xbf]
      : lead === 0xf4 ? [3, 0x80, 0x8f]
      : [0, 0, 0];
    if (length === 0) return i;
    for (let k = 1; k <= length; k++) {
      const byte = data[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (byte === undefined || byte < min || byte > max) return i;
    }
    i += length + 1;
  }
  return -1;
}

/**
 * The file's text. ESCO's CSVs and RDF syntaxes are UTF-8; decoding anything else would silently turn every accented
 * letter into U+FFFD, so such a file is refused, pointing at its first offending byte. A byte-order mark is dropped.
 */
export function decodeUtf8(label: string, data: Buffer): string {
  if (!isUtf8(data)) {
    const offset = firstInvalidUtf8(data);
    let line = 1;
    let lineStart = 0;
    for (let nl = data.indexOf(0x0a); nl !== -1 && nl < offset; nl = data.indexOf(0x0a, nl + 1)) {
      line++;
      lineStart = nl + 1;
    }
    const column = offset - lineStart + 1;
    const byte = data[offset]!.toString(16).toUpperCase().padStart(2, '0');
    throw new ImportError(
      `${label}: not UTF-8 text: byte 0x${byte} at line ${line}, column ${column} is not valid UTF-8 ` +
        `(Latin-1 or Windows-1252?); save the file as UTF-8, e.g. iconv -f latin1 -t utf-8`,
    );
  }
  let text: string;
  try {
    text = data.toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STRING_TOO_LONG') throw error;
    // oxigraph and csv-parse are handed one string per file, and V8 caps a string at 512 Mi characters.
    throw new ImportError(
      `${label}: ${formatBytes(data.length)} of text, more than one file may hold here (512 Mi characters); ` +
        `split it (N-Triples at any line break) and import the parts together`,
    );
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
