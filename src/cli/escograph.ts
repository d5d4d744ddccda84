import { Command, Option } from 'commander';
import { loadConfig } from '../config.js';
import { ImportError } from '../ingest/errors.js';
import { runImport } from './import-command.js';

const program = new Command('escograph')
  .description('GraphQL knowledge-graph server over ESCO')
  .option('--data-dir <dir>', 'where the saved store and caches live (env ESCOGRAPH_DATA_DIR, default data/)')
  .showHelpAfterError();

const collect = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean);

program
  .command('import')
  .description('import ESCO CSV downloads (zips or folders) and RDF dumps (.ttl .nt .nq .rdf, .gz, .zip) into the saved store')
  .argument('[paths...]', 'files or folders to import (default: ESCO_DATA)')
  .option('--languages <codes>', 'keep only these languages, e.g. en,fr (env ESCOGRAPH_LANGUAGES)')
  .option('--esco-version <version>', 'file every input under this ESCO version (default: read from each path)')
  .option('--default-version <version>', 'the version queries use when they name none (default: the newest)')
  .option('--replace', 'start from an empty store instead of adding to the saved one')
  .option('--json', 'print a machine-readable summary')
  .action((paths: string[], options, command: Command) => {
    const config = loadConfig({ ...command.optsWithGlobals(), languages: options.languages });
    runImport({
      paths: paths.length > 0 ? paths : config.escoData,
      dataDir: config.dataDir,
      languages: config.languages,
      escoVersion: options.escoVersion,
      defaultVersion: options.defaultVersion,
      replace: options.replace,
      json: options.json,
    });
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

export { program, Option, collect };
