import { Command, Option } from 'commander';
import { loadConfig } from '../config.js';
import { ImportError } from '../ingest/errors.js';
import { registerAnalysisCommands } from './analysis-commands.js';
import { runImport } from './import-command.js';
import { runServe } from './serve-command.js';
import { runLink } from './link-command.js';
import { runRankerTrain } from './ranker-command.js';

const program = new Command('escograph')
  .description('GraphQL knowledge-graph server over ESCO')
  .option('--data-dir <dir>', 'where the saved store and caches live (env ESCOGRAPH_DATA_DIR, default data/)')
  .showHelpAfterError();

program
  .command('import')
  .description('import ESCO CSV downloads (zips or folders) and RDF dumps (.ttl .nt .nq .rdf, .gz, .zip) into the saved store, or the SPARQL server ESCOGRAPH_STORE names')
  .argument('[paths...]', 'files or folders to import (default: ESCO_DATA)')
  .option('--languages <codes>', 'keep only these languages, e.g. en,fr (env ESCOGRAPH_LANGUAGES)')
  .option('--esco-version <version>', 'file every input under this ESCO version (default: read from each path)')
  .option('--default-version <version>', 'the version queries use when they name none (default: the newest)')
  .option('--replace', 'keep only the versions imported now (embedded: start from an empty store)')
  .option('--json', 'print a machine-readable summary')
  .action(async (paths: string[], options, command: Command) => {
    const config = loadConfig({ ...command.optsWithGlobals(), languages: options.languages });
    await runImport({
      paths: paths.length > 0 ? paths : config.escoData,
      dataDir: config.dataDir,
      store: config.store,
      languages: config.languages,
      escoVersion: options.escoVersion,
      defaultVersion: options.defaultVersion,
      replace: options.replace,
      json: options.json,
    });
  });

program
  .command('link')
  .description('link a text, or a JSON-lines file of {"id","text"}, to ranked ESCO skills (the GraphQL ranking)')
  .argument('[text]', 'a text to link; prints a table')
  .option('--in <file>', 'JSON lines {"id": "...", "text": "..."} to link')
  .option('--out <file>', 'where to write {"id", "skills": [{"uri", "label", "score"}]} lines (default: stdout)')
  .option('--top <n>', 'skills per text, 1 to 100', '10')
  .option('--min-score <score>', 'leave out skills scoring below this')
  .option('--language <code>', 'the texts\' language, ISO 639-1, one the store holds skill labels in (default: detected per text)')
  .addOption(new Option('--embedder <name>', 'embedding backend (env ESCOGRAPH_EMBEDDER)').choices(['transformers', 'use-lite', 'none']))
  .option('--model <model>', 'transformers model: hub id or local folder (env ESCOGRAPH_MODEL)')
  .action(async (text: string | undefined, options, command: Command) => {
    const config = loadConfig({ ...command.optsWithGlobals(), embedder: options.embedder, model: options.model });
    const top = Number(options.top);
    if (!Number.isInteger(top) || top < 1 || top > 100) throw new Error(`--top must be an integer from 1 to 100, got ${options.top}`);
    const minScore = options.minScore === undefined ? undefined : Number(options.minScore);
    if (minScore !== undefined && !Number.isFinite(minScore)) throw new Error(`--min-score must be a number, got ${options.minScore}`);
    await runLink(config, { text, in: options.in, out: options.out, top, minScore, language: options.language });
  });

registerAnalysisCommands(program);

program
  .command('ranker')
  .description('the learned ranker that reorders the best skill candidates')
  .command('train')
  .description('retrain it with the review decisions of this deployment\'s qualifications, into <data-dir>/ranker/, which linking then prefers')
  .requiredOption('--reviews', 'fold in the accepted and rejected skills of every reviewed learning outcome')
  .option('--skillskape <file>', 'SkillSkape train.csv, part of the committed ranker\'s data (default: $ESCOGRAPH_SHARED/bench/skillskape/train.csv)')
  .addOption(new Option('--embedder <name>', 'embedding backend whose ranker to train (env ESCOGRAPH_EMBEDDER)').choices(['transformers', 'use-lite']))
  .option('--model <model>', 'transformers model: hub id or local folder (env ESCOGRAPH_MODEL)')
  .action(async (options, command: Command) => {
    await runRankerTrain(loadConfig({ ...command.optsWithGlobals(), embedder: options.embedder, model: options.model }), { skillskape: options.skillskape });
  });

program
  .command('serve')
  .description('serve GraphQL at /graphql and SPARQL at /sparql (imports ESCO_DATA first when no store is saved)')
  .option('--port <port>', 'port to listen on (env PORT, default 4000)')
  .option('--host <address>', 'address to listen on, e.g. 127.0.0.1 for this machine only (env HOST, default 0.0.0.0)')
  .option('--cors-origins <origins>', 'origins whose pages may call the API, comma-separated, or * (env ESCOGRAPH_CORS_ORIGINS)')
  .option('--sparql-workers <n>', 'SPARQL query workers, each with a copy of the store (env ESCOGRAPH_SPARQL_WORKERS, default 2, 1 on one core)')
  .option('--sparql-queue <n>', 'SPARQL queries that may wait for a worker; more get 503 (env ESCOGRAPH_SPARQL_QUEUE, default 32)')
  .option('--sparql-per-client <n>', 'SPARQL queries one IP address may have waiting or running; more get 429 (env ESCOGRAPH_SPARQL_PER_CLIENT, default 4)')
  .option('--sparql-max-rows <n>', 'most rows a SPARQL SELECT may answer (env ESCOGRAPH_SPARQL_MAX_ROWS, default 100000)')
  .option('--rate-limit <units>', 'GraphQL linking and analysis cost one client may spend a minute, 0 for no limit; more get 429 (env ESCOGRAPH_RATE_LIMIT, default 300000)')
  .action(async (options, command: Command) => {
    await runServe(loadConfig({ ...command.optsWithGlobals(), port: options.port }));
  });

export async function main(argv: string[] = process.argv): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const message = error instanceof ImportError ? `import failed: ${error.message}` : `error: ${(error as Error).message}`;
    process.stderr.write(`escograph: ${message}\n`);
    if (process.env.NODE_ENV === 'development' && !(error instanceof ImportError)) console.error(error);
    process.exitCode = 1;
  }
}

