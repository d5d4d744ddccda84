import { expect, test } from 'vitest';
import { addVersion, numberedTriples } from '../../test/small-version.js';
import { EscoStore } from '../store/esco-store.js';
import { SparqlEndpoint } from './sparql-endpoint.js';
import { countRows } from './query-bounds.js';
import { SparqlProtocolError } from './sparql-protocol.js';

/** A small store of 2,000 triples in one version graph: enough for a query whose cross product never ends. */
async function smallStore(): Promise<EscoStore> {
  const store = new EscoStore();
  await addVersion(store, 'v1.1.1', numberedTriples(2000), 2000);
  return store;
}

const request = (query: string) => ({ query, defaultGraphs: [], namedGraphs: [] });

test('a query past the time limit is stopped with 503, and the endpoint keeps answering', async () => {
  const endpoint = new SparqlEndpoint(await smallStore(), { timeoutMs: 300 });
  try {
    const endless = endpoint.run(request('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }'), 'text/csv');
    await expect(endless).rejects.toThrow(/longer than 300 ms/);
    await expect(endless).rejects.toBeInstanceOf(SparqlProtocolError);
    expect(await endpoint.run(request('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'), 'text/csv')).toBe('n\r\n2000\r\n');
  } finally {
    await endpoint.close();
  }
});

test('a result over the size limit is refused with 413 and a hint; the default graph is the default version', async () => {
  const endpoint = new SparqlEndpoint(await smallStore(), { maxResultBytes: 1000 });
  try {
    const error = await endpoint.run(request('SELECT * WHERE { ?s ?p ?o }'), 'application/sparql-results+json').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 413, message: expect.stringMatching(/add a LIMIT/) });
    const small = await endpoint.run(request('SELECT ?o WHERE { <http://example.org/s7> ?p ?o }'), 'text/tab-separated-values');
    expect(small).toBe('?o\n"7"\n');
  } finally {
    await endpoint.close();
  }
});

test('an update through the store (as a qualification write makes) is seen by the next query', async () => {
  const store = await smallStore();
  const endpoint = new SparqlEndpoint(store);
  try {
    const count = () => endpoint.run(request('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'), 'text/csv');
    expect(await count()).toBe('n\r\n2000\r\n');
    await store.update(`INSERT DATA { GRAPH <${store.graph()}> { <http://example.org/new> <http://example.org/p> "x" } }`);
    expect(await count()).toBe('n\r\n2001\r\n');
  } finally {
    await endpoint.close();
  }
});

test('a full queue answers 503 and a client over its cap 429, both at once and with Retry-After; other clients go on', async () => {
  const endpoint = new SparqlEndpoint(await smallStore(), { workers: 1, queue: 1, perClient: 1, timeoutMs: 1000 });
  const endless = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';
  try {
    await endpoint.warm();
    const running = endpoint.run(request(endless), 'text/csv', 'a').catch((e: unknown) => e);
    const waiting = endpoint.run(request('ASK {}'), 'text/csv', 'b');
    const refused = (client: string) => endpoint.run(request('ASK {}'), 'text/csv', client).catch((e: unknown) => e);
    expect(await refused('a')).toMatchObject({ status: 429, retryAfter: 1 });
    expect(await refused('c')).toMatchObject({ status: 503, retryAfter: 1, message: '1 SPARQL queries are already waiting for a worker' });
    expect(await running).toMatchObject({ status: 503, message: 'the query ran longer than 1000 ms and was stopped' });
    expect(await waiting).toBe('true');
  } finally {
    await endpoint.close();
  }
});

test('rows are counted as oxigraph writes each result format, literals with quotes, newlines and braces included', async () => {
  const oxigraph = (await import('oxigraph')).default;
  const store = new oxigraph.Store();
  store.load('<http://e/a> <http://e/p> "say \\"{}\\",\\n\\r\\n<result>" .\n<http://e/b> <http://e/p> "plain" .\n<http://e/c> <http://e/q> <http://e/d> .', { format: 'application/n-triples' });
  for (const format of ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values']) {
    expect(countRows(store.query('SELECT * WHERE { ?s ?p ?o }', { results_format: format }) as string, format), format).toBe(3);
    expect(countRows(store.query('SELECT * WHERE { ?s <http://e/none> ?o }', { results_format: format }) as string, format), format).toBe(0);
  }
});

test('idle workers stop after idleMs, with their copies of the store, and the next query starts them again', async () => {
  const endpoint = new SparqlEndpoint(await smallStore(), { idleMs: 200, workers: 2 });
  try {
    const count = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';
    expect(await endpoint.run(request(count), 'text/csv')).toBe('n\r\n2000\r\n');
    expect(endpoint.workerMemory()).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(endpoint.workerMemory()).toEqual([]);
    expect(await endpoint.run(request(count), 'text/csv')).toBe('n\r\n2000\r\n');
    expect(endpoint.workerMemory()).toHaveLength(2);
  } finally {
    await endpoint.close();
  }
});
