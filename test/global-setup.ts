import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { importEsco } from '../src/ingest/import.js';
import { saveStore } from '../src/store/persistence.js';
import { ESCO_V111 } from './shared-data.js';

/** Imports real ESCO v1.1.1 once per run; tests open the saved store (see test/real-store.ts). */
export default async function setup(project: TestProject) {
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
  }
}
