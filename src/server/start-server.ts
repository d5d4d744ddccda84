import type { Logger } from 'pino';
import { relationsIndexFor } from '../analysis/index.js';
import type { Config } from '../config.js';
import { createGraphQLServer } from '../graphql/index.js';
import { SparqlEndpoint } from '../sparql/index.js';
import type { EscoStore } from '../store/esco-store.js';
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

/**
 * Everything `escograph serve` runs over an open store, as configured: the modules' services, GraphQL, the SPARQL
 * pool and the HTTP server. Returns once the indexes that the first search, analysis and SPARQL query would
 * otherwise pay for are built (the label index, the relations index of about 2 s, the query workers).
 */
export async function startServer(store: EscoStore, config: Config, options: StartOptions = {}): Promise<StartedServer> {
  const { services, routes } = await createServices(store, config);
  const graphql = createGraphQLServer({ store, services, writeToken: config.writeToken, rateLimit: config.rateLimit });
  const { queryMemoryMb, ...pool } = config.sparql;
  const sparql = new SparqlEndpoint(store, { ...pool, queryMemoryBytes: queryMemoryMb * 1024 * 1024 });
  const running = await startHttpServer({
    graphql, sparql, routes, logger: options.logger, port: config.port, host: options.host ?? config.host,
    trustProxy: config.trustProxy, corsOrigins: config.corsOrigins, webRoot: options.webRoot,
  });
  const version = store.defaultVersion;
  await Promise.all([
    ...(version ? [graphql.search.index(version, 'en'), relationsIndexFor(store, version)] : []),
    sparql.warm(),
  ]);
  return { ...running, linkingReady: Promise.all([services.linking?.index('Skill'), services.linking?.index('Occupation')]) };
}
