import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config.js';
import { importEsco } from '../src/ingest/import.js';
import { openConfiguredStore } from '../src/store/open-store.js';
import { saveStore } from '../src/store/persistence.js';
import { startOxigraphServer } from './oxigraph-server.js';
import { ESCO_V111 } from './shared-data.js';

/**
 * Imports real ESCO v1.1.1 once per run into the project's backend (see test/real-store.ts): embedded, saved to a
 * data directory; for the "server" project, into an `oxigraph serve` that is then stopped, leaving its storage for
 * each test file to serve a copy of.
 */
export default async function setup(project: TestProject) {
  if (project.config.env?.ESCOGRAPH_TEST_BACKEND === 'server') {
    const server = await startOxigraphServer();
    try {
      const store = await openConfiguredStore(loadConfig({}, server.env).store, '');
      await importEsco({ paths: [ESCO_V111()], into: store });
    } catch (error) {
      await server.stop({ remove: true });
      throw error;
    }
    await server.stop();
    project.provide('realServerLocation', server.location);
    return () => rmSync(server.location, { recursive: true, force: true });
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'escograph-test-'));
  const { store, summaries } = await importEsco({ paths: [ESCO_V111()] });
  await saveStore(store, dataDir);
  project.provide('realDataDir', dataDir);
  project.provide('realSummary', JSON.stringify(summaries[0]));
  return () => rmSync(dataDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    realDataDir: string;
    realSummary: string;
    realServerLocation: string;
  }
}
