import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { loadConfig } from '../../src/config.js';
import { createGraphQLServer } from '../../src/graphql/index.js';
import { createServices, startHttpServer } from '../../src/server/index.js';
import { SparqlEndpoint } from '../../src/sparql/index.js';
import type { EscoStore } from '../../src/store/esco-store.js';

export const WRITE_TOKEN = 'browser-test-token';

export interface AppServer {
  url: string;
  /** The built app, to weigh. */
  webRoot: string;
  /** Settles once linking has its skill and occupation indexes, vectors included: a bench times linking after it. */
  linkingReady: Promise<unknown>;
  close(): Promise<void>;
}

/**
 * The web app built from its current sources and served by the real server over a real ESCO store, with
 * writes allowed for WRITE_TOKEN and a journal of its own: what `npm start` gives a user, in one process.
 */
export interface AppServerOptions {
  /** The linking backend; lexical (`none`) unless a bench asks for vectors. */
  embedder?: string;
  model?: string;
}

export async function startAppServer(store: EscoStore, { embedder = 'none', model }: AppServerOptions = {}): Promise<AppServer> {
  const webRoot = mkdtempSync(join(tmpdir(), 'escograph-web-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'escograph-browser-'));
  await build({ root: fileURLToPath(new URL('..', import.meta.url)), logLevel: 'error', build: { outDir: webRoot, emptyOutDir: true } });
  // No rate limit: the tests and bench:web play hours of one reviewer's work in seconds from one address (the
  // bucket itself is tested in src/graphql/rate-limit.test.ts).
  const config = loadConfig({ dataDir, embedder, model, port: 0 }, { ESCOGRAPH_WRITE_TOKEN: WRITE_TOKEN, ESCOGRAPH_RATE_LIMIT: '0' });
  const { services, routes } = await createServices(store, config);
  const graphql = createGraphQLServer({ store, services, writeToken: config.writeToken, rateLimit: config.rateLimit });
  const running = await startHttpServer({ graphql, sparql: new SparqlEndpoint(store), routes, webRoot, port: 0 });
  return {
    url: running.url,
    webRoot,
    linkingReady: Promise.all([services.linking?.index('Skill'), services.linking?.index('Occupation')]),
    async close() {
      await running.close();
      for (const dir of [webRoot, dataDir]) rmSync(dir, { recursive: true, force: true });
    },
  };
}
