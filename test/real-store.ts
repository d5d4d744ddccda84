import { inject } from 'vitest';
import type { EscoStore } from '../src/store/esco-store.js';
import { openSavedStore } from '../src/store/persistence.js';

let cached: Promise<EscoStore> | undefined;

/** The real ESCO v1.1.1 store imported once by test/global-setup.ts, opened once per test file. */
export function realStore(): Promise<EscoStore> {
  cached ??= openSavedStore(inject('realDataDir'));
  return cached;
}
