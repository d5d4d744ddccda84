import { parse } from 'csv-parse/sync';
import { ImportError } from './errors.js';
import type { CsvTable } from './csv-tables.js';

/** Parses one ESCO CSV into N-Triples lines, after checking that its header has the columns the table needs. */
export function csvToNTriples(label: string, data: Buffer, table: CsvTable, language: string): string[] {
  const out: string[] = [];
  let rows: Record<string, string>[];
  try {
    rows = parse(data, {
      bom: true,
      columns: (header: string[]) => {
        const names = header.map((name) => name.trim());
        const missing = table.required.filter((column) => !names.includes(column));
        if (missing.length > 0) {
          throw new ImportError(
            `${label}: unexpected CSV header: missing column(s) ${missing.join(', ')} (found: ${names.join(', ')})`,
          );
        }
        return names;
      },
      relax_column_count: true,
      skip_empty_lines: true,
    });
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(`${label}: malformed CSV: ${(error as Error).message}`);
  }
  for (const row of rows) table.write(row, out, language);
  return out;
}
