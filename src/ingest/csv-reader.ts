import { parse, type Options } from 'csv-parse/sync';
import { ImportError } from './errors.js';
import type { CsvTable } from './csv-tables.js';

function checkedHeader(label: string, header: string[], table: CsvTable): string[] {
  const names = header.map((name) => name.trim());
  const missing = table.required.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw new ImportError(`${label}: unexpected CSV header: missing column(s) ${missing.join(', ')} (found: ${names.join(', ')})`);
  }
  return names;
}

function parseCsv<T>(label: string, text: string, options: Options): T[] {
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, ...options }) as T[];
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(`${label}: malformed CSV: ${(error as Error).message}`);
  }
}

/** Refuses a CSV whose header lacks a column the table needs, reading no further than the header. */
export function checkCsvHeader(label: string, text: string, table: CsvTable): void {
  const [header] = parseCsv<string[]>(label, text, { to_line: 1 });
  checkedHeader(label, header ?? [], table);
}

/** Parses one ESCO CSV into N-Triples lines, after checking that its header has the columns the table needs. */
export function csvToNTriples(label: string, text: string, table: CsvTable, language: string): string[] {
  const out: string[] = [];
  const rows = parseCsv<Record<string, string>>(label, text, { columns: (header: string[]) => checkedHeader(label, header, table) });
  for (const row of rows) table.write(row, out, language);
  return out;
}
