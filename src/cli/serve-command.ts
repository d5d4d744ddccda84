import pino from 'pino';
import type { Config } from '../config.js';
import type { EscoStore } from '../store/esco-store.js';
import { hasSavedStore, openSavedStore } from '../store/persistence.js';
import { type RunningServer, startServer } from '../server/index.js';
import { runImport } from './import-command.js';

/** Opens the saved store; when there is none, imports ESCO_DATA into the data directory first. */
function openStore(config: Config, logger: pino.Logger): EscoStore {
  if (!hasSavedStore(config.dataDir)) {
    if (config.escoData.length === 0) {
      throw new Error(`no saved store in ${config.dataDir} and ESCO_DATA is not set: run \`escograph import <path>\` or set ESCO_DATA`);
    }
    logger.info({ paths: config.escoData, dataDir: config.dataDir }, 'no saved store: importing ESCO_DATA');
    return runImport({ paths: config.escoData, dataDir: config.dataDir, languages: config.languages });
  }
  const started = performance.now();
  const store = openSavedStore(config.dataDir);
  logger.info({ dataDir: config.dataDir, triples: store.size, ms: Math.round(performance.now() - started) }, 'store opened');
  return store;
}

export async function runServe(config: Config, logger = pino({ name: 'escograph' })): Promise<RunningServer> {
  const store = openStore(config, logger);
  const running = await startServer(store, config, { logger });
  logger.info({ url: `http://localhost:${new URL(running.url).port}/`, versions: store.versions().map((v) => v.version) }, 'listening');
  logger.info('search index, relations index and SPARQL worker ready');
  const shutdown = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return running;
}
