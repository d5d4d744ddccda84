import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The tests that read the real v1.1.1 store (test/real-store.ts): GraphQL, the SPARQL endpoint, analysis, exports,
 * qualifications over HTTP. They run once per store backend.
 */
const STORE_TESTS = [
  // Not job-ads.test.ts: linking 1,000 ads is in-memory ranking (4-5 min of CPU here) on either backend.
  'src/analysis/analysis-service.test.ts',
  'src/cli/analysis-commands.test.ts',
  'src/cli/ranker-command.test.ts',
  'src/export/*.test.ts',
  'src/graphql/{limits,loaders,rate-limit}.test.ts',
  'src/graphql/resolvers/*.test.ts',
  'src/qualifications/qualification-repository.test.ts',
  'src/server/http-server.test.ts',
  'src/sparql/sparql-hardening.test.ts',
  'test/abuse.test.ts',
];
/** Tests of several processes sharing one SPARQL server: the server project only. */
const SERVER_ONLY = ['test/**/*.server.test.ts'];

export default defineConfig({
  // One graphql module for all: Vite would resolve source imports to graphql's ESM build while Apollo loads the
  // CommonJS one, and graphql refuses types "from another module or realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // The WASM store is memory-hungry; two workers match this machine's two cores (for both projects together).
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'embedded',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts', 'web/test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...SERVER_ONLY],
          globalSetup: ['test/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: [...STORE_TESTS, ...SERVER_ONLY],
          // Read by test/global-setup.ts and test/real-store.ts: v1.1.1 on an `oxigraph serve`, one per test file.
          env: { ESCOGRAPH_TEST_BACKEND: 'server' },
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/real-store-teardown.ts'],
        },
      },
    ],
  },
});
