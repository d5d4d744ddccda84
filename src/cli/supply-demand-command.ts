import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import {
  ANALYSIS_LIMITS, analyzeSupplyDemand, demandEntrySchema, parseArguments, type SupplyDemand, type SupplyDemandGrouping,
  supplyEntrySchema,
} from '../analysis/index.js';
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

/** A CSV row in the JSON shape: blank cells left out, counts as numbers, skill lists split on spaces, commas or "|". */
function fromCsvRow(row: Record<string, string>): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  for (const [key, cell] of Object.entries(row)) {
    if (cell === '') continue;
    entry[key] = key === 'weight' && /^\d+$/.test(cell) ? Number(cell) : key === 'skills' ? cell.split(/[\s,|]+/).filter(Boolean) : cell;
  }
  return entry;
}

/** Reads a supply or demand file: a JSON list of entries, or a CSV whose header row names the same fields. */
function readEntries<T extends z.ZodType>(path: string, schema: T, what: string, limit: number): z.output<T>[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the ${what} file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const json = extname(path).toLowerCase() === '.json';
  let records: unknown;
  try {
    records = json ? JSON.parse(text) : (parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[]).map(fromCsvRow);
  } catch (error) {
    throw new Error(`the ${what} file ${path} is not valid ${json ? 'JSON' : 'CSV'}: ${(error as Error).message}`);
  }
  if (!Array.isArray(records)) throw new Error(`the ${what} file ${path} must hold a list of entries`);
  if (records.length > limit) throw new Error(`the ${what} file ${path} has ${records.length} entries; at most ${limit}`);
  return records.map((record, i) => parseArguments(schema, record, `${path}, entry ${i + 1}`));
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
  const supply = readEntries(options.supply, supplyEntrySchema, 'supply', ANALYSIS_LIMITS.supplyEntries);
  const demand = readEntries(options.demand, demandEntrySchema, 'demand', ANALYSIS_LIMITS.demandEntries);
  const { context, close } = await openAnalysisContext(config);
  try {
    const result = await analyzeSupplyDemand(context, { supply, demand, groupBy: options.groupBy, version: options.version, language: options.language });
    writeResult(options.format, result, () => supplyDemandTable(result), () => supplyDemandText(result));
  } finally {
    close();
  }
}
