import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/server/index.js';
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

export interface AppServerOptions {
  /** The linking backend; lexical (`none`) unless a bench asks for vectors. */
  embedder?: string;
  model?: string;
}

/**
 * The web app built from its current sources and served as `escograph serve` serves it over a real ESCO store, with
 * writes allowed for WRITE_TOKEN and a journal of its own: what `npm start` gives a user, in one process.
 */
export async function startAppServer(store: EscoStore, { embedder = 'none', model }: AppServerOptions = {}): Promise<AppServer> {
  const webRoot = mkdtempSync(join(tmpdir(), 'escograph-web-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'escograph-browser-'));
  await build({ root: fileURLToPath(new URL('..', import.meta.url)), logLevel: 'error', build: { outDir: webRoot, emptyOutDir: true } });
  // No rate limit: the tests and bench:web play hours of one reviewer's work in seconds from one address (the
  // bucket itself is tested in src/graphql/rate-limit.test.ts).
  const config = loadConfig({ dataDir, embedder, model, port: 0 }, { ESCOGRAPH_WRITE_TOKEN: WRITE_TOKEN, ESCOGRAPH_RATE_LIMIT: '0' });
  const running = await startServer(store, config, { host: '127.0.0.1', webRoot });
  return {
    url: running.url,
    webRoot,
    linkingReady: running.linkingReady,
    async close() {
      await running.close();
      for (const dir of [webRoot, dataDir]) rmSync(dir, { recursive: true, force: true });
    },
  };
}
