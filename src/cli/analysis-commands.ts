import { type Command, Option } from 'commander';
import { loadConfig } from '../config.js';
import { runElm } from './elm-command.js';
import { runGap } from './gap-command.js';
import { runMatch } from './match-command.js';
import { runSupplyDemand } from './supply-demand-command.js';
import { outputFormat } from './analysis-context.js';

const withEmbedder = (command: Command, what: string) =>
  command
    .addOption(new Option('--embedder <name>', `embedding backend for ${what} (env ESCOGRAPH_EMBEDDER)`).choices(['transformers', 'use-lite', 'none']))
    .option('--model <model>', `transformers model for ${what} (env ESCOGRAPH_MODEL)`);

const withSkillSource = (command: Command) =>
  withEmbedder(command
    .option('--skills <uris>', 'ESCO skill URIs, separated by commas or spaces')
    .option('--qualification <id>', 'a stored qualification: its accepted skills')
    .option('--text <text>', 'a text to link to skills first (learning outcomes, a CV); the links used are shown'), '--text');

const withOutput = (command: Command) =>
  command
    .option('--esco-version <version>', 'ESCO version (default: the store\'s default)')
    .option('--language <code>', 'language of the labels', 'en')
    .option('--csv', 'print CSV')
    .option('--json', 'print JSON');

const configOf = (command: Command, options: { embedder?: string; model?: string }) =>
  loadConfig({ ...command.optsWithGlobals(), embedder: options.embedder, model: options.model });

/** `escograph gap`, `escograph match`, `escograph supply-demand` and `escograph elm`. */
export function registerAnalysisCommands(program: Command): void {
  withOutput(withSkillSource(program
    .command('gap')
    .description('skills gap between a skill set and an occupation: missing skills ranked, essential first')
    .argument('<occupation>', 'ESCO occupation URI')))
    .action(async (occupation: string, options, command: Command) => {
      await runGap(configOf(command, options), {
        ...options, occupation, version: options.escoVersion, format: outputFormat(options),
      });
    });

  withOutput(withSkillSource(program
    .command('match')
    .description('occupations ranked by how much of their essential skills a skill set covers')
    .option('--first <n>', 'how many occupations, 1 to 100', '20')
    .option('--isco <group>', 'only occupations of this ISCO group: a code such as 25 or 2512, or its URI')))
    .action(async (options, command: Command) => {
      await runMatch(configOf(command, options), {
        ...options, first: Number(options.first), version: options.escoVersion, format: outputFormat(options),
      });
    });

  withOutput(withEmbedder(program
    .command('supply-demand')
    .description('per skill or skill group: supply (learners) against demand (vacancies), sorted by gap')
    .requiredOption('--supply <file>', 'programmes: CSV programme,learning_outcomes|skills,weight[,region], or JSON/CSV of {qualification | skills | text, weight, region}')
    .requiredOption('--demand <file>', 'job ads: CSV title,text,weight[,region], or JSON/CSV of {occupation [, skills] | text, weight, region}')
    .addOption(new Option('--group-by <level>', 'rows per').choices(['SKILL', 'SKILL_GROUP', 'TOP_GROUP']).default('SKILL'))
    .option('--by-region', 'also answer per region')
    .option('--links <file>', 'write the job-ad links used (occupation, skills) to this CSV file'), 'texts'))
    .action(async (options, command: Command) => {
      await runSupplyDemand(configOf(command, options), {
        ...options, version: options.escoVersion, format: outputFormat(options),
      });
    });

  program
    .command('elm')
    .description('a stored qualification as ELM-style JSON-LD: learning outcomes with their accepted ESCO skills')
    .argument('<qualification>', 'qualification id')
    .option('--esco-version <version>', 'ESCO version of the skill labels (default: the store\'s default)')
    .option('--language <code>', 'language of the skill labels', 'en')
    .action(async (qualification: string, options, command: Command) => {
      await runElm(configOf(command, options), { qualification, version: options.escoVersion, language: options.language });
    });
}
