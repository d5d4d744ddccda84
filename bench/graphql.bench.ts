/**
 * GraphQL latency on real ESCO v1.1.1 (the saved store of the data dir, else a fresh import of
 * ../shared/esco/v1.1.1), each workload next to raw SPARQL on the bare Oxigraph store fetching the same data
 * (the workloads and how they are timed: bench/graphql-workloads.ts, which bench:scale runs too).
 * GraphQL runs in-process through Apollo's executeOperation (parse, validate, limits, execute; no HTTP), with
 * NODE_ENV=production as a deployed server runs (graphql-js skips its development-only checks).
 * The store is the configured one (ESCOGRAPH_STORE: embedded by default, or a SPARQL server holding a version), or
 * with `--backend server` a fresh `oxigraph serve` of the bench's own (RocksDB in a temp folder) that v1.1.1 is
 * imported into first. On a server, each workload also prints how many store requests (round trips) one GraphQL
 * request makes, against the baseline's one.
 * Usage: npm run bench:graphql [-- --rounds N] [--backend configured|server]
 *   (rounds of workload 1: 10 requests per side each, default 200; workload 3 runs a tenth as many)
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { importEsco } from '../src/ingest/import.js';
import { openLinkingStore } from '../src/linking/linking-store.js';
import type { EscoStore } from '../src/store/esco-store.js';
import { openConfiguredStore } from '../src/store/open-store.js';
import { type OxigraphServer, startOxigraphServer } from '../test/oxigraph-server.js';
import { runGraphqlWorkloads } from './graphql-workloads.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '200' }, backend: { type: 'string', default: 'configured' } } });
if (!['configured', 'server'].includes(values.backend)) throw new Error(`--backend is configured or server (got ${values.backend})`);
const rounds = Number(values.rounds);
const config = loadConfig();
const v111 = join(process.env.ESCOGRAPH_SHARED ?? join(import.meta.dirname, '..', '..', 'shared'), 'esco', 'v1.1.1');

/** A fresh Oxigraph server of the bench's own, with v1.1.1 imported by escograph (a server store uses no data dir). */
async function importedServer(): Promise<{ store: EscoStore; version: string; server: OxigraphServer }> {
  const server = await startOxigraphServer();
  const storeConfig = loadConfig({}, server.env).store;
  const { store } = await importEsco({ paths: [v111], into: async () => (await openConfiguredStore(storeConfig, tmpdir()))! });
  return { store, version: store.defaultVersion!, server };
}

const started = performance.now();
const { store, version, server } = values.backend === 'server' ? await importedServer() : { ...(await openLinkingStore(config, v111)), server: undefined };
const { backend } = store;
console.log(`graphql bench: ESCO ${version} on the ${backend.name} store (${(await store.size()).toLocaleString('en')} triples, ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
console.log(`GraphQL: in-process via executeOperation (no HTTP), NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}; baseline: one raw SPARQL query on the bare oxigraph store, or sent to the server\n`);

await runGraphqlWorkloads(store, version, rounds);

await server?.stop({ remove: true });
