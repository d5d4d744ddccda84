import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import {
  ANALYSIS_LIMITS, type SupplyDemandGrouping, type SupplyDemandResult, type SupplyDemandTotals, analyzeSupplyDemand,
  demandEntrySchema, parseArguments, supplyEntrySchema,
} from '../analysis/index.js';
import type { Config } from '../config.js';
import { jobAdLinksTable, supplyDemandTable, toCsv } from '../export/analysis-csv.js';
import { type OutputFormat, formatTable, openAnalysisContext, percent, writeResult } from './analysis-context.js';

export interface SupplyDemandCommandOptions {
  supply: string;
  demand: string;
  groupBy: SupplyDemandGrouping;
  byRegion?: boolean;
  /** Where to write the job-ad links used, as CSV. */
  links?: string;
  version?: string;
  language?: string;
  format: OutputFormat;
}

const splitSkills = (cell: string) => cell.split(/[\s,|]+/).filter(Boolean);
const countOf = (cell: string) => (/^\d+$/.test(cell) ? Number(cell) : cell);

/**
 * The CSV layouts a supply or demand file may have: the header row picks the first whose key column it has, and each
 * turns a row (blank cells left out) into an entry of the JSON shape.
 */
interface CsvLayout {
  /** Columns a file of this layout must have. */
  required: string[];
  optional: string[];
  /** At least one of these too, when set. */
  oneOf?: string[];
  entry(row: Record<string, string>): Record<string, unknown>;
}

const ENTRY_COLUMNS = {
  weight: (cell: string) => ({ weight: countOf(cell) }),
  region: (cell: string) => ({ region: cell }),
  skills: (cell: string) => ({ skills: splitSkills(cell) }),
} as const;

/** The JSON field names as columns, skills split on spaces, commas or "|". */
const fieldsLayout = (required: string[], optional: string[]): CsvLayout => ({
  required,
  optional,
  entry: (row) => Object.assign({}, ...Object.entries(row).map(([key, cell]) =>
    key in ENTRY_COLUMNS ? ENTRY_COLUMNS[key as keyof typeof ENTRY_COLUMNS](cell) : { [key]: cell })),
});

const SUPPLY_LAYOUTS: Record<string, CsvLayout> = {
  // A programmes table: its learning outcomes are linked to skills, or its skills are given.
  programme: {
    required: ['programme', 'weight'],
    optional: ['region'],
    oneOf: ['learning_outcomes', 'skills'],
    entry: ({ learning_outcomes: outcomes, skills, weight, region }) => ({
      ...(outcomes !== undefined ? { text: outcomes } : {}),
      ...(skills !== undefined ? ENTRY_COLUMNS.skills(skills) : {}),
      ...(weight !== undefined ? ENTRY_COLUMNS.weight(weight) : {}),
      region,
    }),
  },
  qualification: fieldsLayout(['qualification'], ['weight', 'region']),
  skills: fieldsLayout(['skills'], ['weight', 'region']),
};

const DEMAND_LAYOUTS: Record<string, CsvLayout> = {
  // Job ads: the title goes first, on its own line, so it is linked with the text.
  title: {
    required: ['title', 'text', 'weight'],
    optional: ['region'],
    // `title` is kept beside the entry for the links file; the analysis reads `text`.
    entry: ({ title, text, weight, region }) => ({
      title, text: [title, text].filter(Boolean).join('\n'), ...(weight !== undefined ? ENTRY_COLUMNS.weight(weight) : {}), region,
    }),
  },
  occupation: fieldsLayout(['occupation'], ['weight', 'region', 'skills']),
};

function csvEntries(text: string, layouts: Record<string, CsvLayout>, where: string): Record<string, unknown>[] {
  const rows = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const header = (parse(text, { bom: true, to_line: 1, trim: true }) as string[][])[0] ?? [];
  const expected = Object.values(layouts).map((l) => [...l.required, ...(l.oneOf ? [l.oneOf.join('|')] : [])].join(',')).join(' or ');
  const layout = Object.entries(layouts).find(([key]) => header.includes(key))?.[1];
  if (!layout) throw new Error(`${where}: the header "${header.join(',')}" is none of ${expected}`);
  const missing = [...layout.required.filter((c) => !header.includes(c)), ...(layout.oneOf && !layout.oneOf.some((c) => header.includes(c)) ? [layout.oneOf.join(' or ')] : [])];
  if (missing.length > 0) throw new Error(`${where}: the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  const unknown = header.filter((c) => ![...layout.required, ...layout.optional, ...(layout.oneOf ?? [])].includes(c));
  if (unknown.length > 0) throw new Error(`${where}: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
  return rows.map((row) => layout.entry(Object.fromEntries(Object.entries(row).filter(([, cell]) => cell !== ''))));
}

/** Reads a supply or demand file: a JSON list of entries, or a CSV in one of its layouts. */
function readEntries<T extends z.ZodType>(
  path: string, schema: T, layouts: Record<string, CsvLayout>, what: string, limit: number,
): { entries: z.output<T>[]; rows: Record<string, unknown>[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the ${what} file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const json = extname(path).toLowerCase() === '.json';
  let records: unknown;
  try {
    records = json ? JSON.parse(text) : csvEntries(text, layouts, `the ${what} file ${path}`);
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(message.startsWith(`the ${what} file`) ? message : `the ${what} file ${path} is not valid ${json ? 'JSON' : 'CSV'}: ${message}`);
  }
  if (!Array.isArray(records)) throw new Error(`the ${what} file ${path} must hold a list of entries`);
  if (records.length > limit) throw new Error(`the ${what} file ${path} has ${records.length} entries; at most ${limit}`);
  return { entries: records.map((record, i) => parseArguments(schema, record, `${path}, entry ${i + 1}`)), rows: records };
}

function totalsText(heading: string, result: SupplyDemandTotals, groupBy: SupplyDemandGrouping): string {
  const rows = result.rows.map((row) => [
    row.concept.label, String(row.supply), String(row.demand), String(row.gap), percent(row.shareMet),
  ]);
  return `${heading}supply ${result.totalSupply}, demand ${result.totalDemand}\n\n` +
    formatTable([groupBy === 'SKILL' ? 'skill' : 'skill group', 'supply', 'demand', 'gap', 'met'], rows);
}

function supplyDemandText(result: SupplyDemandResult): string {
  const by = `by ${result.groupBy.toLowerCase().replace('_', ' ')}, ESCO ${result.version}`;
  return [
    totalsText(`all regions (${by}): `, result, result.groupBy),
    ...(result.regions ?? []).map((region) => totalsText(`${region.region ?? 'no region'}: `, region, result.groupBy)),
  ].join('\n\n');
}

/** `escograph supply-demand --supply file --demand file`: per skill or group, the gap between them. */
export async function runSupplyDemand(config: Config, options: SupplyDemandCommandOptions): Promise<void> {
  const supply = readEntries(options.supply, supplyEntrySchema, SUPPLY_LAYOUTS, 'supply', ANALYSIS_LIMITS.supplyEntries);
  const demand = readEntries(options.demand, demandEntrySchema, DEMAND_LAYOUTS, 'demand', ANALYSIS_LIMITS.demandEntries);
  const text = [...supply.entries, ...demand.entries].some((entry) => entry.text !== undefined);
  const { context, close } = await openAnalysisContext(config, { text });
  try {
    const result = await analyzeSupplyDemand(context, {
      supply: supply.entries, demand: demand.entries, groupBy: options.groupBy, byRegion: options.byRegion,
      version: options.version, language: options.language,
    });
    if (options.links) writeFileSync(options.links, toCsv(jobAdLinksTable(result.jobAds, demand.rows as { title?: string }[])));
    writeResult(options.format, result, () => supplyDemandTable(result), () => supplyDemandText(result));
  } finally {
    close();
  }
}
