import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { ANALYSIS_LIMITS, analyzeSupplyDemand, type SupplyDemand, type SupplyDemandGrouping } from '../analysis/index.js';
import type { Config } from '../config.js';
import { supplyDemandTable } from '../export/index.js';
import { type OutputFormat, formatTable, openAnalysisContext, percent, writeResult } from './analysis-context.js';

export interface SupplyDemandCommandOptions {
  supply: string;
  demand: string;
  groupBy: SupplyDemandGrouping;
  version?: string;
  language?: string;
  format: OutputFormat;
}

/** CSV cells hold numbers as text and skill lists separated by spaces, commas or "|". */
const weight = z.union([z.number(), z.string().trim().regex(/^\d+$/, 'must be a whole count').transform(Number)]).optional();
const skillList = z.union([z.array(z.string()), z.string().transform((cell) => cell.split(/[\s,|]+/).filter(Boolean))]);
const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);
const supplyEntry = z.object({
  qualification: z.preprocess(blankToUndefined, z.string().optional()),
  skills: z.preprocess(blankToUndefined, skillList.optional()),
  weight,
});
const demandEntry = z.object({ occupation: z.string().min(1, 'occupation is empty'), weight });

/** Reads a supply or demand file: a JSON array of entries, or a CSV with a header row naming the same fields. */
function readEntries<T>(path: string, schema: z.ZodType<T>, what: string, limit: number): T[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the ${what} file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let records: unknown;
  try {
    records = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new Error(`the ${what} file ${path} is not valid ${extname(path).toLowerCase() === '.json' ? 'JSON' : 'CSV'}: ${(error as Error).message}`);
  }
  if (!Array.isArray(records)) throw new Error(`the ${what} file ${path} must hold a list of entries`);
  if (records.length > limit) throw new Error(`the ${what} file ${path} has ${records.length} entries; at most ${limit}`);
  return records.map((record, i) => {
    const parsed = schema.safeParse(record);
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'entry'}: ${issue.message}`);
    throw new Error(`${path}, entry ${i + 1}: ${problems.join('; ')}`);
  });
}

function supplyDemandText(result: SupplyDemand): string {
  const rows = result.rows.map((row) => [
    row.concept.label, String(row.supply), String(row.demand), String(row.gap), percent(row.shareMet),
  ]);
  return `supply ${result.totalSupply}, demand ${result.totalDemand} (by ${result.groupBy.toLowerCase().replace('_', ' ')}), ESCO ${result.version}\n\n` +
    formatTable([result.groupBy === 'SKILL' ? 'skill' : 'skill group', 'supply', 'demand', 'gap', 'met'], rows);
}

/** `escograph supply-demand --supply file --demand file`: per skill or group, the gap between them. */
export async function runSupplyDemand(config: Config, options: SupplyDemandCommandOptions): Promise<void> {
  const supply = readEntries(options.supply, supplyEntry, 'supply', ANALYSIS_LIMITS.supplyEntries);
  const demand = readEntries(options.demand, demandEntry, 'demand', ANALYSIS_LIMITS.demandEntries);
  const { context, close } = await openAnalysisContext(config);
  try {
    const result = await analyzeSupplyDemand(context, { supply, demand, groupBy: options.groupBy, version: options.version, language: options.language });
    writeResult(options.format, result, () => supplyDemandTable(result), () => supplyDemandText(result));
  } finally {
    close();
  }
}
