import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inject } from 'vitest';
import { loadConfig } from '../src/config.js';
import { EscoStore } from '../src/store/esco-store.js';
import { openConfiguredStore } from '../src/store/open-store.js';
import { openSavedStore, storeFile } from '../src/store/persistence.js';
import { type OxigraphServer, startOxigraphServer } from './oxigraph-server.js';

/**
 * Which backend the store-dependent tests run on: the vitest project "server" sets ESCOGRAPH_TEST_BACKEND=server
 * (vitest.config.ts), every other run is embedded.
 */
export const TEST_BACKEND: 'embedded' | 'server' = process.env.ESCOGRAPH_TEST_BACKEND === 'server' ? 'server' : 'embedded';

let cached: Promise<EscoStore> | undefined;
let server: OxigraphServer | undefined;

/**
 * The real ESCO v1.1.1 store imported once by test/global-setup.ts, opened once per test file. On the server
 * backend each test file gets an `oxigraph serve` of its own over a copy of the imported storage, so the
 * qualifications one file writes are not seen by another.
 */
export function realStore(): Promise<EscoStore> {
  cached ??= TEST_BACKEND === 'server' ? openServerCopy() : openSavedStore(inject('realDataDir'));
  return cached;
}

/**
 * The store as the next start of the process would open it: embedded, an empty one, which the qualifications
 * journal fills again; on a server, a new connection to this file's server.
 */
export async function reopenRealStore(): Promise<EscoStore> {
  await realStore();
  return server ? (await openConfiguredStore(loadConfig({}, server.env).store, ''))! : new EscoStore();
}

async function openServerCopy(): Promise<EscoStore> {
  server = await serveRealStoreCopy();
  return (await openConfiguredStore(loadConfig({}, server.env).store, ''))!;
}

/**
 * A new `oxigraph serve` over a copy of the storage test/global-setup.ts imported v1.1.1 into (server project
 * only). RocksDB never changes an .sst file once written, so those are hard-linked (what a RocksDB checkpoint
 * does) and only the logs and manifests are copied: a copy costs milliseconds, not the seconds of 140 MB.
 */
export function serveRealStoreCopy(): Promise<OxigraphServer> {
  const source = inject('realServerLocation');
  const location = mkdtempSync(join(tmpdir(), 'escograph-oxigraph-copy-'));
  for (const name of readdirSync(source)) {
    if (name === 'LOCK') continue;
    (name.endsWith('.sst') ? linkSync : copyFileSync)(join(source, name), join(location, name));
  }
  return startOxigraphServer({ location });
}

/**
 * Lets a child escograph process with data directory `dataDir` open the same store as realStore(): embedded, the
 * saved store is linked into `dataDir`; on a server, the environment returned names this file's server.
 */
export async function realStoreEnv(dataDir: string): Promise<NodeJS.ProcessEnv> {
  await realStore();
  if (server) return server.env;
  mkdirSync(dirname(storeFile(dataDir)), { recursive: true });
  symlinkSync(storeFile(inject('realDataDir')), storeFile(dataDir));
  return {};
}

/** Stops this file's server and removes its storage copy (test/real-store-teardown.ts, server project). */
export async function closeRealStore(): Promise<void> {
  await server?.stop({ remove: true });
}
