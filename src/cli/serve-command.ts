import pino from 'pino';
import type { Config } from '../config.js';
import type { EscoStore } from '../store/esco-store.js';
import { openConfiguredStore, storeLocation } from '../store/open-store.js';
import { type RunningServer, startServer } from '../server/index.js';
import { runImport } from './import-command.js';

/**
 * Opens the configured store: the saved embedded one, or the SPARQL server's, which is only connected to. When it
 * holds no ESCO version yet, imports ESCO_DATA into it first.
 */
async function openStore(config: Config, logger: pino.Logger): Promise<EscoStore> {
  const started = performance.now();
  const store = await openConfiguredStore(config.store, config.dataDir);
  const where = storeLocation(config.store, config.dataDir);
  if (store && store.versions().length > 0) {
    // The versions' triples as their summaries count them: counting the store's quads would be a scan on a server.
    const triples = store.versions().reduce((sum, version) => sum + version.triples, 0);
    logger.info({ store: where, triples, ms: Math.round(performance.now() - started) }, 'store opened');
    return store;
  }
  if (config.escoData.length === 0) {
    throw new Error(`no ESCO version in ${where} and ESCO_DATA is not set: run \`escograph import <path>\` or set ESCO_DATA`);
  }
  logger.info({ paths: config.escoData, store: where }, 'no ESCO version in the store: importing ESCO_DATA');
  return runImport({ paths: config.escoData, dataDir: config.dataDir, store: config.store, languages: config.languages });
}

export async function runServe(config: Config, logger = pino({ name: 'escograph' })): Promise<RunningServer> {
  const store = await openStore(config, logger);
  const running = await startServer(store, config, { logger });
  logger.info({ url: `http://localhost:${new URL(running.url).port}/`, versions: store.versions().map((v) => v.version) }, 'listening');
  logger.info('search index, relations index and SPARQL worker ready');
  const shutdown = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return running;
}
