import { mkdtempSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type OxigraphServer, startOxigraphServer } from '../../test/oxigraph-server.js';
import { ESCO_RDF_EXCERPT, ESCO_V111 } from '../../test/shared-data.js';
import { bareSummary } from '../../test/small-version.js';
import { loadConfig } from '../config.js';
import { ImportError } from '../ingest/errors.js';
import { importEsco } from '../ingest/import.js';
import { writeHostileInputs } from '../ingest/testing/hostile-inputs.js';
import { importLimitsFromEnv } from '../ingest/limits.js';
import { GRAPH } from '../ingest/vocabulary.js';
import { EscoStore } from './esco-store.js';
import { openConfiguredStore } from './open-store.js';
import { type ServerEndpoints, SparqlServerBackend, StoreServerError } from './sparql-server-backend.js';
import { selectRows } from './tsv-rows.js';

let server: OxigraphServer;
let endpoints: ServerEndpoints;
const connect = () => SparqlServerBackend.connect(endpoints);

beforeAll(async () => {
  server = await startOxigraphServer();
  const config = loadConfig({}, server.env).store;
  if (config.kind !== 'server') throw new Error('ESCOGRAPH_STORE did not select the server backend');
  endpoints = config.endpoints;
});
afterAll(() => server?.stop({ remove: true }));

const triples = (count: number, label = 'x') =>
  Array.from({ length: count }, (_, i) => `<http://example.org/s${i}> <http://www.w3.org/2004/02/skos/core#prefLabel> "${label} ${i}"@en .`).join('\n');
const labels = async (store: EscoStore, version: string) =>
  (await store.select('SELECT ?l WHERE { ?s ?p ?l } ORDER BY ?l LIMIT 2', version)).map((row) => row.l!.value);

describe('the SPARQL server backend (a real oxigraph serve)', () => {
  it('derives Oxigraph\'s update and Graph Store URLs from the query URL, or takes them; refuses what is not a URL; polls every 10 s by default', () => {
    expect(endpoints).toEqual({ query: server.queryUrl, update: server.queryUrl.replace(/query$/, 'update'), store: server.queryUrl.replace(/query$/, 'store') });
    expect(loadConfig({}, {}).store).toEqual({ kind: 'embedded' });
    expect(loadConfig({}, { ESCOGRAPH_STORE: 'embedded' }).store).toEqual({ kind: 'embedded' });
    const fuseki = { ESCOGRAPH_STORE: 'http://h:3030/esco/sparql', ESCOGRAPH_STORE_UPDATE: 'http://h:3030/esco/update', ESCOGRAPH_STORE_GSP: 'http://h:3030/esco/data', ESCOGRAPH_STORE_AUTH: 'Basic eDp5' };
    expect(loadConfig({}, fuseki).store).toEqual({
      kind: 'server', endpoints: { query: fuseki.ESCOGRAPH_STORE, update: fuseki.ESCOGRAPH_STORE_UPDATE, store: fuseki.ESCOGRAPH_STORE_GSP, authorization: 'Basic eDp5' },
      pollSeconds: 10,
    });
    expect(loadConfig({}, { ...fuseki, ESCOGRAPH_STORE_POLL_SECONDS: '0' }).store).toMatchObject({ pollSeconds: 0 });
    expect(() => loadConfig({}, { ...fuseki, ESCOGRAPH_STORE_POLL_SECONDS: 'often' })).toThrow(/ESCOGRAPH_STORE_POLL_SECONDS must be a number of seconds from 0 \(never\) to 86400 \(got "often"\)/);
    expect(() => loadConfig({}, { ESCOGRAPH_STORE: 'http://h:3030/esco/sparql' })).toThrow(/ESCOGRAPH_STORE_UPDATE is needed: .* does not end in \/query/);
    expect(() => loadConfig({}, { ESCOGRAPH_STORE: 'oxigraph' })).toThrow(/ESCOGRAPH_STORE must be "embedded" or the http\(s\) URL/);
  });

  it('names the URL it cannot reach', async () => {
    const port = await new Promise<number>((resolve) => {
      const closed = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = closed.address() as AddressInfo;
        closed.close(() => resolve(free));
      });
    });
    const gone = { query: `http://127.0.0.1:${port}/query`, update: `http://127.0.0.1:${port}/update`, store: `http://127.0.0.1:${port}/store` };
    await expect(SparqlServerBackend.connect(gone)).rejects.toThrow(`cannot reach the SPARQL server at ${gone.query}: connect ECONNREFUSED`);
  });

  it('bulk-loads N-Triples into a named graph and reads them back: select, ask, dump, size', async () => {
    const backend = await connect();
    await backend.load(triples(3), 'urn:test:bulk', { format: 'application/n-triples', trusted: true });
    const rows = await selectRows(backend, 'SELECT ?l WHERE { ?s ?p ?l } ORDER BY ?l', 'urn:test:bulk');
    expect(rows).toEqual([0, 1, 2].map((i) => ({ l: { value: `x ${i}`, language: 'en' } })));
    expect(await backend.ask('ASK { <http://example.org/s2> ?p ?o }', 'urn:test:bulk')).toBe(true);
    expect(await backend.ask('ASK { <http://example.org/s2> ?p ?o }')).toBe(false);
    expect((await backend.dump('urn:test:bulk')).trim().split('\n').sort()).toEqual(triples(3).split('\n').sort());
    expect(await backend.size()).toBeGreaterThanOrEqual(3);
  });

  it('surfaces the server\'s own message and status when it refuses a request', async () => {
    const backend = await connect();
    const error = await backend.selectTsv('SELECT ?x WHERE { ?x ?y }').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreServerError);
    expect(error).toMatchObject({ status: 400, message: expect.stringMatching(/^the SPARQL server answered 400 to POST http:\/\/127\.0\.0\.1:\d+\/query: .*error at 1:/) });
    await expect(backend.load('<http://a> <http://b> "unterminated .', 'urn:test:bad', { format: 'text/turtle' })).rejects.toThrow(/answered 400 to POST .*\/store: .*line 1/i);
  });

  it('acknowledges an update only once the server has it: another connection reads it at once', async () => {
    const [writer, reader] = [await connect(), await connect()];
    for (let i = 0; i < 20; i++) {
      await writer.update(`INSERT DATA { GRAPH <urn:test:acks> { <urn:test:w${i}> <urn:test:p> ${i} } }`);
      expect(await reader.ask(`ASK { GRAPH <urn:test:acks> { <urn:test:w${i}> <urn:test:p> ${i} } }`)).toBe(true);
    }
  });

  it('replaces a version by switching graphs: readers see old or new, a failed load leaves the old one', async () => {
    const store = await EscoStore.open(await connect());
    const first = await store.stage('v0.9.1');
    expect(first.graph).toBe(GRAPH.version('v0.9.1'));
    await first.load(triples(5, 'old'), { format: 'application/n-triples', trusted: true });
    await first.loaded();
    expect(await first.triples()).toBe(5);
    await first.commit(bareSummary('v0.9.1', 5));
    expect(await labels(store, 'v0.9.1')).toEqual(['old 0', 'old 1']);

    // A load the server refuses: the staging graph is dropped, the version stays as it was, for this process and another.
    const broken = await store.stage('v0.9.1');
    expect(broken.graph).not.toBe(first.graph);
    await broken.load(triples(2, 'new'), { format: 'application/n-triples', trusted: true });
    await expect(broken.load('<http://a> <http://b> "unterminated .', { format: 'text/turtle' })).rejects.toThrow(StoreServerError);
    await broken.abort();
    const other = await EscoStore.open(await connect());
    for (const reader of [store, other]) {
      expect(reader.graph('v0.9.1')).toBe(first.graph);
      expect(await labels(reader, 'v0.9.1')).toEqual(['old 0', 'old 1']);
    }
    expect(await store.graphs()).not.toContain(broken.graph);

    const second = await store.stage('v0.9.1');
    await second.load(triples(4, 'new'), { format: 'application/n-triples', trusted: true });
    await second.loaded();
    // Before commit, readers still read the old graph.
    expect(await labels(await EscoStore.open(await connect()), 'v0.9.1')).toEqual(['old 0', 'old 1']);
    await second.commit(bareSummary('v0.9.1', 4));
    expect(store.graph('v0.9.1')).toBe(second.graph);
    expect(await labels(store, 'v0.9.1')).toEqual(['new 0', 'new 1']);
    expect(await store.graphs()).not.toContain(first.graph);
    expect(store.versions().find((v) => v.version === 'v0.9.1')?.triples).toBe(4);
  });
});

describe('escograph import into the server', () => {
  it('reports the same summary as the embedded import, of the CSV zips and of an RDF dump', async () => {
    const store = await EscoStore.open(await connect());
    const [csv] = (await importEsco({ paths: [ESCO_V111()], into: store })).summaries;
    expect({ ...csv, importedAt: '' }).toEqual({ ...JSON.parse(inject('realSummary')), importedAt: '' });
    const [dump] = (await importEsco({ paths: [ESCO_RDF_EXCERPT()], into: store })).summaries;
    const [embedded] = (await importEsco({ paths: [ESCO_RDF_EXCERPT()] })).summaries;
    expect({ ...dump, importedAt: '' }).toEqual({ ...embedded, importedAt: '' });
    const reopened = (await openConfiguredStore(loadConfig({}, server.env).store, tmpdir()))!;
    expect(reopened.versions().map((v) => v.version)).toEqual(expect.arrayContaining(['v1.0.x', 'v1.1.1']));
    expect(reopened.defaultVersion).toBe('v1.1.1');
  });

  it('refuses every hostile input with the embedded import\'s message, leaving the server\'s graphs as they were', async () => {
    const store = await EscoStore.open(await connect());
    const before = { graphs: (await store.graphs()).sort(), size: await store.size(), versions: store.versions() };
    const hostile = [...writeHostileInputs(mkdtempSync(join(tmpdir(), 'escograph-server-hostile-')))];
    // A file that parses and is loaded, then refused for naming no concepts: what is loaded is dropped again.
    const dir = mkdtempSync(join(tmpdir(), 'escograph-server-nothing-'));
    writeFileSync(join(dir, 'v1.1.1.ttl'), `<http://example.org/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "Concept a"@en .\n`);
    hostile.push({ name: 'no concepts', path: join(dir, 'v1.1.1.ttl'), env: {}, message: /no ESCO concepts found for v1\.1\.1/ });
    for (const input of hostile) {
      const refused = importEsco({ paths: [input.path], into: store, limits: importLimitsFromEnv(input.env) });
      await expect(refused, input.name).rejects.toThrow(ImportError);
      await expect(refused, input.name).rejects.toThrow(input.message);
    }
    const reopened = await EscoStore.open(await connect());
    expect({ graphs: (await reopened.graphs()).sort(), size: await reopened.size(), versions: reopened.versions() }).toEqual(before);
  });
});
