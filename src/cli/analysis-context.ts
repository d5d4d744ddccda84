import type { AnalysedInput, AnalysisContext, SkillSourceInput } from '../analysis/index.js';
import { skillLinkerOf } from '../analysis/index.js';
import type { Config } from '../config.js';
import { type CsvTable, ESCO_ATTRIBUTION, toCsv } from '../export/index.js';
import { openLinkingStore } from '../linking/index.js';
import { QualificationRepository } from '../qualifications/index.js';
import { openLinkingService } from './link-command.js';

/** Where the analysis commands take their skills from: one of --skills, --qualification, --text. */
export interface SkillSourceFlags {
  skills?: string;
  qualification?: string;
  text?: string;
}

export type OutputFormat = 'table' | 'csv' | 'json';

export const skillSourceOf = (flags: SkillSourceFlags): SkillSourceInput => ({
  skills: flags.skills === undefined ? undefined : flags.skills.split(/[\s,]+/).filter(Boolean),
  qualification: flags.qualification,
  text: flags.text,
});

/**
 * The saved store with what the analyses may need: the qualification repository (read from its journal) and,
 * only when text is to be linked, the linking service with the configured embedder.
 */
export async function openAnalysisContext(config: Config, needs: { text?: boolean } = {}): Promise<{ context: AnalysisContext; close(): void }> {
  const opened = await openLinkingStore(config);
  const qualifications = await QualificationRepository.open({ store: opened.store, dataDir: config.dataDir });
  const linker = needs.text ? skillLinkerOf(await openLinkingService(config, opened)) : undefined;
  return { context: { store: opened.store, qualifications, linker }, close: () => qualifications.close() };
}

/** Columns padded to their widest cell. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const format = (row: string[]) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  return [format(header), ...rows.map(format)].join('\n');
}

/** For text input: the skills the text was linked to, so the user sees what the analysis started from. */
export const linksLine = (input: AnalysedInput): string[] =>
  input.links ? [`linked from the text: ${input.links.map((l) => `${l.label} (${l.score.toFixed(2)})`).join('; ') || 'nothing'}`] : [];

export const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(0)}%`);

/** Writes a result as CSV, JSON, or the command's table followed by the ESCO attribution. */
export function writeResult(format: OutputFormat, result: unknown, table: () => CsvTable, text: () => string): void {
  if (format === 'csv') process.stdout.write(toCsv(table()));
  else if (format === 'json') process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else process.stdout.write(`${text()}\n\n${ESCO_ATTRIBUTION}\n`);
}

export function outputFormat(options: { csv?: boolean; json?: boolean }): OutputFormat {
  if (options.csv && options.json) throw new Error('give --csv or --json, not both');
  return options.csv ? 'csv' : options.json ? 'json' : 'table';
}
