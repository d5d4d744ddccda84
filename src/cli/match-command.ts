import { type AnalysedInput, analyzeOccupationMatches, type OccupationMatches } from '../analysis/index.js';
import type { Config } from '../config.js';
import { occupationMatchesTable } from '../export/index.js';
import {
  type OutputFormat, type SkillSourceFlags, formatTable, linksLine, openAnalysisContext, percent, skillSourceOf, writeResult,
} from './analysis-context.js';

export interface MatchCommandOptions extends SkillSourceFlags {
  first: number;
  isco?: string;
  version?: string;
  language?: string;
  format: OutputFormat;
}

function matchesText(result: OccupationMatches & { input: AnalysedInput }): string {
  const rows = result.matches.map((m, i) => [
    String(i + 1),
    `${percent(m.essential.coverage)} (${m.essential.covered}/${m.essential.total}, ${m.essential.partial} partly)`,
    `${percent(m.optional.coverage)} (${m.optional.covered}/${m.optional.total})`,
    m.occupation.iscoCode,
    m.occupation.label,
    m.occupation.uri,
  ]);
  return [
    `${result.matches.length} of ${result.totalCount} occupations, ESCO ${result.version}`,
    ...linksLine(result.input),
    '',
    formatTable(['#', 'essential', 'optional', 'ISCO', 'occupation', 'uri'], rows),
  ].join('\n');
}

/** `escograph match --skills …|--qualification …|--text …`: occupations ranked by essential coverage. */
export async function runMatch(config: Config, options: MatchCommandOptions): Promise<void> {
  const { context, close } = await openAnalysisContext(config, { text: options.text !== undefined });
  try {
    const result = await analyzeOccupationMatches(context, {
      from: skillSourceOf(options),
      first: options.first,
      filter: options.isco ? { iscoGroup: options.isco } : undefined,
      version: options.version,
      language: options.language,
    });
    writeResult(options.format, result, () => occupationMatchesTable(result), () => matchesText(result));
  } finally {
    close();
  }
}
