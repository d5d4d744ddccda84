import { defineConfig } from 'vitest/config';

export default defineConfig({
  // One graphql module for all: Vite would resolve source imports to graphql's ESM build while Apollo loads the
  // CommonJS one, and graphql refuses types "from another module or realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts', 'web/test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // The WASM store is memory-hungry; two workers match this machine's two cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
