import { type AnalysedInput, analyzeSkillsGap, type SkillsGap } from '../analysis/index.js';
import type { Config } from '../config.js';
import { skillsGapTable } from '../export/index.js';
import {
  type OutputFormat, type SkillSourceFlags, formatTable, linksLine, openAnalysisContext, percent, skillSourceOf, writeResult,
} from './analysis-context.js';

export interface GapCommandOptions extends SkillSourceFlags {
  occupation: string;
  version?: string;
  language?: string;
  format: OutputFormat;
}

function gapText(gap: SkillsGap & { input: AnalysedInput }): string {
  const lines = [
    `${gap.occupation.label} (ISCO ${gap.occupation.iscoCode}) — ESCO ${gap.version}`,
    `essential: ${gap.essential.covered.length}/${gap.essential.total} covered (${percent(gap.essential.coverage)}), ` +
      `${gap.essential.partialCount} partly; optional: ${gap.optional.covered.length}/${gap.optional.total} covered ` +
      `(${percent(gap.optional.coverage)}), ${gap.optional.partialCount} partly; ${gap.extra.length} extra skills`,
    ...linksLine(gap.input),
  ];
  const rows = gap.missing.map((skill, i) => [
    String(i + 1),
    skill.essential ? 'essential' : 'optional',
    skill.partial ? `partly (${skill.partial.relation.toLowerCase().replace('_', ' ')}: ${skill.partial.via.label})` : 'missing',
    String(skill.relatedOccupations),
    skill.label,
    skill.uri,
  ]);
  lines.push('', rows.length ? formatTable(['#', 'relation', 'status', 'related occ.', 'skill', 'uri'], rows) : '(nothing missing)');
  return lines.join('\n');
}

/** `escograph gap <occupation> --skills …|--qualification …|--text …`: the ranked missing skills. */
export async function runGap(config: Config, options: GapCommandOptions): Promise<void> {
  const { context, close } = await openAnalysisContext(config, { text: options.text !== undefined });
  try {
    const gap = await analyzeSkillsGap(context, {
      occupation: options.occupation,
      from: skillSourceOf(options),
      version: options.version,
      language: options.language,
    });
    writeResult(options.format, gap, () => skillsGapTable(gap), () => gapText(gap));
  } finally {
    close();
  }
}
