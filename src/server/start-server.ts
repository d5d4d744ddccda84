import type { Logger } from 'pino';
import { relationsIndexFor } from '../analysis/index.js';
import type { Config } from '../config.js';
import { createGraphQLServer } from '../graphql/index.js';
import { IdleCollector } from '../linking/idle-collector.js';
import { SparqlEndpoint } from '../sparql/index.js';
import type { EscoStore } from '../store/esco-store.js';
import { watchStore } from '../store/store-watch.js';
import { type RunningServer, startHttpServer } from './http-server.js';
import { createServices } from './services.js';

export interface StartedServer extends RunningServer {
  /** Settles once linking has its skill and occupation indexes, vectors included (they build after start). */
  linkingReady: Promise<unknown>;
}

export interface StartOptions {
  logger?: Logger;
  /** Default: the configured host (HOST); tests and benches pass 127.0.0.1. */
  host?: string;
  /** Default: the repository's web/dist. */
  webRoot?: string;
}

/** As the linking thread's (linking-worker.ts): longer than the gaps of a sustained load, so that it never pays for a collection. */
const MAIN_IDLE_COLLECTION_MS = 30_000;

/**
 * Everything `escograph serve` runs over an open store, as configured: the modules' services, GraphQL, the SPARQL
 * pool and the HTTP server. Returns once the indexes that the first search, analysis and SPARQL query would
 * otherwise pay for are built (the label index, the relations index of about 2 s, the query workers).
 */
export async function startServer(store: EscoStore, config: Config, options: StartOptions = {}): Promise<StartedServer> {
  const { services, routes, followStore, close: closeServices } = await createServices(store, config);
  const graphql = createGraphQLServer({ store, services, writeToken: config.writeToken, rateLimit: config.rateLimit, heavyWork: config.heavyWork });
  const { queryMemoryMb, idleSeconds, ...pool } = config.sparql;
  const sparql = new SparqlEndpoint(store, { ...pool, queryMemoryBytes: queryMemoryMb * 1024 * 1024, idleMs: idleSeconds * 1000 });
  // The main thread's memory given back as the linking thread's is: start-up (reading the saved store, answering
  // the linking builds' store reads) left garbage that nothing collected until requests came, up to ~170 MB of a
  // restart's RSS at rest (bench:cold-start, 2026-12-04).
  const collector = new IdleCollector(MAIN_IDLE_COLLECTION_MS);
  const running = await startHttpServer({
    graphql, sparql, routes, logger: options.logger, port: config.port, host: options.host ?? config.host,
    trustProxy: config.trustProxy, corsOrigins: config.corsOrigins, webRoot: options.webRoot, activity: collector,
  });
  // What the first search and analysis of the default version would otherwise pay for.
  const warmDefault = async () => {
    const version = store.defaultVersion;
    if (version) await Promise.all([graphql.search.index(version, 'en'), relationsIndexFor(store, version)]);
  };
  await Promise.all([warmDefault(), sparql.warm()]);
  // Awaited by tests only: serve answers meanwhile, and a build cut off (the store restarting) is logged here and
  // built again by the next linking request, never an unhandled rejection that ends the process.
  const linkingReady = Promise.all([services.linking?.index('Skill'), services.linking?.index('Occupation')]);
  linkingReady.catch((error: Error) => options.logger?.error({ err: error }, 'building the linking index failed; the next linking request builds it again'));
  void collector.track(() => linkingReady.catch(() => {}));
  let stopWatching = () => {};
  if (config.store.kind === 'server' && config.store.pollSeconds > 0) {
    const log = options.logger;
    stopWatching = watchStore(store, config.store.pollSeconds, (change) => {
      log?.info({ versions: change.versions, defaultVersion: change.defaultVersion }, 'the store was changed by another process');
      Promise.all([warmDefault(), followStore(change)]).catch((error: Error) => log?.error({ err: error }, 'following the store change failed'));
    }, (error) => log?.warn({ err: error }, "reading the store's versions failed; trying again at the next poll"));
  }
  return {
    ...running,
    close: async () => {
      stopWatching();
      await running.close();
      await closeServices();
    },
    linkingReady,
  };
}
