import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // The WASM store is memory-hungry; two workers match this machine's two cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
