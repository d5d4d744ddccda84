import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { relationsIndexFor } from '../src/analysis/index.js';
import { loadConfig } from '../src/config.js';
import { createGraphQLServer } from '../src/graphql/index.js';
import { createServices, startHttpServer } from '../src/server/index.js';
import { SparqlEndpoint } from '../src/sparql/index.js';
import type { EscoStore } from '../src/store/esco-store.js';

export interface FullServer {
  url: string;
  close(): Promise<void>;
}

/**
 * What `escograph serve` starts, with its default limits (rate limit on), over `store`, on a loopback port of its
 * own with a data directory of its own, and with the lexical linking backend (no model to load). Returns once the
 * indexes `serve` warms at start are built, so that the first request measured is not the one that builds them.
 */
export async function startFullServer(store: EscoStore, options: { env?: NodeJS.ProcessEnv; webRoot?: string } = {}): Promise<FullServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'escograph-full-'));
  const config = loadConfig({ dataDir, embedder: 'none', port: 0 }, options.env ?? {});
  const { services, routes } = await createServices(store, config);
  const graphql = createGraphQLServer({ store, services, writeToken: config.writeToken, rateLimit: config.rateLimit });
  const { queryMemoryMb, ...pool } = config.sparql;
  const sparql = new SparqlEndpoint(store, { ...pool, queryMemoryBytes: queryMemoryMb * 1024 * 1024 });
  const running = await startHttpServer({ graphql, sparql, routes, port: 0, host: '127.0.0.1', webRoot: options.webRoot });
  graphql.search.index(store.defaultVersion!, 'en');
  relationsIndexFor(store, store.defaultVersion!);
  await Promise.all([sparql.warm(), services.linking!.index('Skill'), services.linking!.index('Occupation')]);
  return {
    url: running.url,
    async close() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
