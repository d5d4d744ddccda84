import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server/index.js';
import type { EscoStore } from '../src/store/esco-store.js';

export interface FullServer {
  url: string;
  close(): Promise<void>;
}

/**
 * What `escograph serve` starts, with its default limits (rate limit on), over `store`, on a loopback port of its
 * own with a data directory of its own, and with the lexical linking backend (no model to load) unless `embedder`
 * says otherwise (its vectors then come from `vectorCacheDir`'s cache, built there when missing). Returns once the
 * indexes `serve` warms at start are built, so that the first request measured is not the one that builds them.
 */
export async function startFullServer(store: EscoStore, options: {
  env?: NodeJS.ProcessEnv; webRoot?: string; embedder?: 'use-lite' | 'none'; vectorCacheDir?: string;
} = {}): Promise<FullServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'escograph-full-'));
  if (options.vectorCacheDir) {
    const vectors = resolve(options.vectorCacheDir, 'vectors');
    mkdirSync(vectors, { recursive: true });
    // A link, not a copy: the cache is hundreds of MB; removing dataDir removes the link only.
    symlinkSync(vectors, join(dataDir, 'vectors'));
  }
  const config = loadConfig({ dataDir, embedder: options.embedder ?? 'none', port: 0 }, options.env ?? {});
  const running = await startServer(store, config, { host: '127.0.0.1', webRoot: options.webRoot });
  await running.linkingReady;
  return {
    url: running.url,
    async close() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
