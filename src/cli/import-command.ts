import { importEsco } from '../ingest/import.js';
import { importLimitsFromEnv } from '../ingest/limits.js';
import type { EscoStore, VersionSummary } from '../store/esco-store.js';
import { hasSavedStore, openSavedStore, removeCrashLeftovers, saveStore } from '../store/persistence.js';
import { progressReporter } from './progress.js';

export interface ImportCommandOptions {
  paths: string[];
  dataDir: string;
  languages?: string[];
  escoVersion?: string;
  defaultVersion?: string;
  /** Start from an empty store instead of adding to the saved one. */
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
 * Imports, saves, reports; the saved store is replaced only after everything succeeded. Returns the imported
 * store, so a server starting from nothing need not re-read it.
 */
export function runImport(options: ImportCommandOptions): EscoStore {
  const limits = importLimitsFromEnv();
  for (const path of removeCrashLeftovers(options.dataDir)) {
    process.stderr.write(`removed ${path}, left by an import or write that was killed\n`);
  }
  const progress = progressReporter();
  const started = Date.now();
  const into = !options.replace && hasSavedStore(options.dataDir) ? () => openSavedStore(options.dataDir) : undefined;
  try {
    const result = importEsco({
      paths: options.paths,
      languages: options.languages,
      version: options.escoVersion,
      defaultVersion: options.defaultVersion,
      into,
      limits,
      onProgress: (p) => progress.update(p.phase, p.item, p.done, p.total),
    });
    progress.update('save', options.dataDir, 0, 1);
    saveStore(result.store, options.dataDir);
    progress.stop();
    if (options.json) {
      const summaries = result.summaries.map((s) => ({ ...s, defaultVersion: s.version === result.store.defaultVersion }));
      process.stdout.write(`${JSON.stringify(summaries.length === 1 ? summaries[0] : summaries, null, 2)}\n`);
    } else {
      result.summaries.forEach((summary) => printSummary(summary, process.stdout));
      for (const line of result.skipped) process.stdout.write(`skipped ${line}\n`);
      process.stdout.write(
        `saved to ${options.dataDir} in ${((Date.now() - started) / 1000).toFixed(1)} s; default version ${result.store.defaultVersion}\n`,
      );
    }
    return result.store;
  } finally {
    progress.stop();
  }
}
