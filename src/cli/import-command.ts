import { importEsco } from '../ingest/import.js';
import { importLimitsFromEnv } from '../ingest/limits.js';
import { EscoStore, type VersionSummary } from '../store/esco-store.js';
import { type StoreConfig, openConfiguredStore, storeLocation } from '../store/open-store.js';
import { removeCrashLeftovers, saveStore } from '../store/persistence.js';
import { progressReporter } from './progress.js';

export interface ImportCommandOptions {
  paths: string[];
  dataDir: string;
  /** The embedded store saved in dataDir, or the SPARQL server that holds the store. */
  store: StoreConfig;
  languages?: string[];
  escoVersion?: string;
  defaultVersion?: string;
  /** Keep only the versions imported now (embedded: start from an empty store). */
  replace?: boolean;
  json?: boolean;
}

function printSummary(summary: VersionSummary, out: NodeJS.WriteStream) {
  const n = (value: number) => value.toLocaleString('en');
  out.write(
    `${summary.version}: ${n(summary.triples)} triples — ${n(summary.occupations)} occupations, ${n(summary.skills)} skills, ` +
      `${n(summary.skillGroups)} skill groups, ${n(summary.iscoGroups)} ISCO groups; ` +
      `${n(summary.essentialRelations)} essential and ${n(summary.optionalRelations)} optional occupation–skill relations; ` +
      `${n(summary.danglingReferences)} dangling references (concepts named by ${n(summary.danglingRelations)} relations ` +
      `but never defined: kept, not counted above); languages: ${summary.languages.join(', ')}\n`,
  );
}

/**
 * Imports, saves, reports. Embedded, the saved store is replaced only after everything succeeded; on a SPARQL
 * server, each version's graph is replaced once it is complete (see importEsco) and nothing is saved locally.
 * Returns the imported store, so a server starting from nothing need not re-read it.
 */
export async function runImport(options: ImportCommandOptions): Promise<EscoStore> {
  const limits = importLimitsFromEnv();
  for (const path of removeCrashLeftovers(options.dataDir)) {
    process.stderr.write(`removed ${path}, left by an import or write that was killed\n`);
  }
  const progress = progressReporter();
  const started = Date.now();
  const embedded = options.store.kind === 'embedded';
  // Embedded, --replace starts from an empty store; otherwise versions are added to the saved store or the server's.
  const into = async () => (embedded && options.replace ? undefined : await openConfiguredStore(options.store, options.dataDir)) ?? new EscoStore();
  const where = storeLocation(options.store, options.dataDir);
  try {
    const result = await importEsco({
      paths: options.paths,
      languages: options.languages,
      version: options.escoVersion,
      defaultVersion: options.defaultVersion,
      into,
      replace: options.replace,
      limits,
      onProgress: (p) => progress.update(p.phase, p.item, p.done, p.total),
    });
    if (embedded) {
      progress.update('save', options.dataDir, 0, 1);
      await saveStore(result.store, options.dataDir);
    }
    progress.stop();
    if (options.json) {
      const summaries = result.summaries.map((s) => ({ ...s, defaultVersion: s.version === result.store.defaultVersion }));
      process.stdout.write(`${JSON.stringify(summaries.length === 1 ? summaries[0] : summaries, null, 2)}\n`);
    } else {
      result.summaries.forEach((summary) => printSummary(summary, process.stdout));
      for (const line of result.skipped) process.stdout.write(`skipped ${line}\n`);
      process.stdout.write(
        `saved to ${where} in ${((Date.now() - started) / 1000).toFixed(1)} s; default version ${result.store.defaultVersion}\n`,
      );
    }
    return result.store;
  } finally {
    progress.stop();
  }
}
