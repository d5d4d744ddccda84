import pino from 'pino';
import { relationsIndexFor } from '../analysis/index.js';
import type { Config } from '../config.js';
import { createGraphQLServer } from '../graphql/index.js';
import { SparqlEndpoint } from '../sparql/index.js';
import type { EscoStore } from '../store/esco-store.js';
import { hasSavedStore, openSavedStore } from '../store/persistence.js';
import { createServices, startHttpServer, type RunningServer } from '../server/index.js';
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
  const { services, routes } = await createServices(store, config);
  const graphql = createGraphQLServer({ store, services, writeToken: config.writeToken, rateLimit: config.rateLimit });
  const { queryMemoryMb, ...pool } = config.sparql;
  const sparql = new SparqlEndpoint(store, { ...pool, queryMemoryBytes: queryMemoryMb * 1024 * 1024 });
  const running = await startHttpServer({ graphql, sparql, routes, logger, port: config.port, host: '0.0.0.0', corsOrigins: config.corsOrigins });
  logger.info({ url: `http://localhost:${new URL(running.url).port}/`, versions: store.versions().map((v) => v.version) }, 'listening');
  // The first search, analysis and SPARQL query would otherwise pay for building the label index, the relations
  // index (about 2 s) and the query worker.
  const version = store.defaultVersion;
  if (version) {
    graphql.search.index(version, 'en');
    relationsIndexFor(store, version);
  }
  await sparql.warm();
  logger.info('search index, relations index and SPARQL worker ready');
  const shutdown = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return running;
}
