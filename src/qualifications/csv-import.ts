import { parse } from 'csv-parse/sync';
import { splitLearningOutcomes } from '../linking/outcome-splitter.js';
import { QualificationError, type QualificationInput } from './qualification.js';

export const MAX_CSV_BYTES = 5_000_000;

/** The columns of the simple CSV; only `title` and `learning_outcomes` are required, so older files still import. */
export const CSV_COLUMNS = [
  'title', 'description', 'learning_outcomes', 'eqf_level', 'credits', 'language', 'awarding_body', 'isced_f_code', 'nqf_level',
];

/**
 * Reads qualifications from a simple CSV with a header row (CSV_COLUMNS). `learning_outcomes` holds the
 * outcomes as a qualification text would: one a line, bulleted or numbered, or separated by semicolons.
 */
export function readQualificationCsv(csv: string, source?: string): QualificationInput[] {
  if (csv.length > MAX_CSV_BYTES) throw new QualificationError(`CSV is larger than ${MAX_CSV_BYTES} bytes`);
  let rows: Record<string, string>[];
  try {
    rows = parse(csv, { columns: true, bom: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new QualificationError(`CSV could not be read: ${(error as Error).message}`);
  }
  const header = Object.keys(rows[0] ?? {});
  for (const required of ['title', 'learning_outcomes']) {
    if (rows.length > 0 && !header.includes(required)) {
      throw new QualificationError(`CSV has no "${required}" column; expected columns: ${CSV_COLUMNS.join(', ')}`);
    }
  }
  const number = (value: string | undefined, column: string, line: number) => {
    if (!value) return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed)) throw new QualificationError(`CSV row ${line}: ${column} is not a number: ${value}`);
    return parsed;
  };
  return rows.map((row, index) => ({
    title: row.title ?? '',
    description: row.description || undefined,
    learningOutcomes: splitLearningOutcomes(row.learning_outcomes ?? '', row.language || 'en'),
    eqfLevel: number(row.eqf_level, 'eqf_level', index + 2),
    credits: number(row.credits, 'credits', index + 2),
    language: row.language || undefined,
    awardingBody: row.awarding_body || undefined,
    iscedFCode: row.isced_f_code || undefined,
    nqfLevel: row.nqf_level || undefined,
    source,
  }));
}
