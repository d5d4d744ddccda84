import type { StoreBackend } from './store-backend.js';

/** One value of a result row: an IRI, a blank node's label, or a literal's lexical form and language tag ('' if none). */
export interface Cell {
  value: string;
  language: string;
}

/** A SELECT result row by variable name (without `?`); unbound variables are absent. */
export type CellRow = Record<string, Cell | undefined>;

const ESCAPES: Record<string, string> = { t: '\t', b: '\b', n: '\n', r: '\r', f: '\f', '"': '"', "'": "'", '\\': '\\' };

const unescape = (text: string) =>
  text.includes('\\')
    ? text.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))/g, (_, u4?: string, u8?: string, char?: string) =>
      u4 || u8 ? String.fromCodePoint(parseInt((u4 ?? u8)!, 16)) : (ESCAPES[char!] ?? char!))
    : text;

/** One TSV cell (a term in N-Triples syntax; numbers and booleans bare) as a Cell; undefined when unbound. */
export function parseTsvTerm(cell: string): Cell | undefined {
  if (cell === '') return undefined;
  if (cell.startsWith('<')) return { value: cell.slice(1, -1), language: '' };
  if (cell.startsWith('"')) {
    // The suffix (@lang or ^^<datatype>) holds no quote, so the last quote closes the string.
    const end = cell.lastIndexOf('"');
    const suffix = cell.slice(end + 1);
    return { value: unescape(cell.slice(1, end)), language: suffix.startsWith('@') ? suffix.slice(1) : '' };
  }
  if (cell.startsWith('_:')) return { value: cell.slice(2), language: '' };
  return { value: cell, language: '' };
}

/** SPARQL TSV results as rows. */
export function parseTsvResults(text: string): CellRow[] {
  const lines = text.split('\n');
  const names = lines[0]!.split('\t').map((name) => name.slice(1));
  const rows: CellRow[] = [];
  // Every line ends with a newline, so the last piece is empty; an empty line before it is a row of unbound values.
  for (let i = 1; i < lines.length - 1; i++) {
    const cells = lines[i]!.split('\t');
    const row: CellRow = {};
    for (let j = 0; j < names.length; j++) {
      const cell = parseTsvTerm(cells[j] ?? '');
      if (cell) row[names[j]!] = cell;
    }
    rows.push(row);
  }
  return rows;
}

/** Runs a SELECT (over `defaultGraph` when given) and reads its TSV answer as rows. */
export async function selectRows(backend: StoreBackend, query: string, defaultGraph?: string): Promise<CellRow[]> {
  return parseTsvResults(await backend.selectTsv(query, defaultGraph));
}
