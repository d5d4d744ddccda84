import { afterAll, beforeAll, expect, test } from 'vitest';
import { type OxigraphServer, startOxigraphServer } from '../../test/oxigraph-server.js';
import { addVersion, numberedTriples } from '../../test/small-version.js';
import { loadConfig } from '../config.js';
import { EscoStore } from '../store/esco-store.js';
import { openConfiguredStore } from '../store/open-store.js';
import { SparqlEndpoint } from './sparql-endpoint.js';

/** The endpoint over the SPARQL server backend: the same bounds and admission, the query forwarded to the server. */
let server: OxigraphServer;
let store: EscoStore;
beforeAll(async () => {
  // The server's own limit stops what the endpoint gave up on, so a runaway query does not keep its CPU.
  server = await startOxigraphServer({ queryTimeoutS: 5 });
  store = (await openConfiguredStore(loadConfig({}, server.env).store, ''))!;
  await addVersion(store, 'v1.1.1', numberedTriples(2000), 2000);
});
afterAll(() => server?.stop({ remove: true }));

const request = (query: string) => ({ query, defaultGraphs: [], namedGraphs: [] });

test('forwards a query to the server over the default version, and bounds it as embedded', async () => {
  const endpoint = new SparqlEndpoint(store, { maxRows: 100, maxResultBytes: 4000 });
  try {
    expect(await endpoint.run(request('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'), 'text/csv')).toBe('n\r\n2000\r\n');
    expect(await endpoint.run(request('SELECT ?o WHERE { <http://example.org/s7> ?p ?o }'), 'text/tab-separated-values')).toBe('?o\n"7"\n');
    await expect(endpoint.run(request('SELECT ?s WHERE { ?s ?p ?o }'), 'text/csv')).rejects.toMatchObject({ status: 413, message: expect.stringMatching(/more than 100 rows: add a LIMIT/) });
    await expect(endpoint.run(request('SELECT ?s WHERE { ?s ?p ?o } LIMIT 90'), 'application/sparql-results+json')).rejects.toMatchObject({ status: 413, message: expect.stringMatching(/larger than 4000 bytes/) });
    await expect(endpoint.run(request('SELECT * WHERE { ?s ?p ?o } LIMIT 101'), 'text/csv')).rejects.toMatchObject({ status: 400 });
    await expect(endpoint.run(request('SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } } LIMIT 1'), 'text/csv')).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/SERVICE/) });
    await expect(endpoint.run(request('SELECT ?service WHERE { ?service ?p "7" }'), 'text/csv')).resolves.toBe('service\r\nhttp://example.org/s7\r\n');
    await expect(endpoint.run(request('SELECT * WHERE { ?s ?p }'), 'text/csv')).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/error/i) });
  } finally {
    await endpoint.close();
  }
});

test('a query past the time limit is answered 503 and the endpoint keeps answering', async () => {
  // The follow-up query runs while the server still works on the stopped one (until its own 5 s): 2 s leave it room.
  const endpoint = new SparqlEndpoint(store, { timeoutMs: 2000 });
  try {
    const endless = endpoint.run(request('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }'), 'text/csv');
    await expect(endless).rejects.toMatchObject({ status: 503, message: expect.stringMatching(/longer than 2000 ms/) });
    expect(await endpoint.run(request('ASK { <http://example.org/s1> ?p ?o }'), 'application/sparql-results+json')).toMatch(/"boolean":true/);
  } finally {
    await endpoint.close();
  }
});

test('reads what was written to the server since, with no snapshot to refresh', async () => {
  const endpoint = new SparqlEndpoint(store);
  try {
    const count = () => endpoint.run(request('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'), 'text/csv');
    expect(await count()).toBe('n\r\n2000\r\n');
    // Written by another process: this store object never sees the write.
    const other = (await openConfiguredStore(loadConfig({}, server.env).store, ''))!;
    await other.update(`INSERT DATA { GRAPH <${other.graph()}> { <http://example.org/new> <http://example.org/p> "x" } }`);
    expect(await count()).toBe('n\r\n2001\r\n');
  } finally {
    await endpoint.close();
  }
});
