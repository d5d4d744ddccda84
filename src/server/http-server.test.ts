import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readEscoCsv } from '../../test/csv-oracle.js';
import { realGraphQL } from '../../test/graphql-client.js';
import { realStore } from '../../test/real-store.js';
import { ESCO_V111 } from '../../test/shared-data.js';
import { SparqlEndpoint } from '../sparql/index.js';
import { type RunningServer, startHttpServer } from './http-server.js';
import { ESCO_ATTRIBUTION } from './landing-page.js';

let server: RunningServer;

beforeAll(async () => {
  const store = realStore();
  server = await startHttpServer({ store, graphql: realGraphQL(), sparql: new SparqlEndpoint(store, { timeoutMs: 20_000 }), port: 0 });
});
afterAll(() => server?.close());

describe('GraphQL over HTTP', () => {
  // Each audit of the GraphQL-over-HTTP spec as its own test, against the running server.
  for (const audit of serverAudits({ url: () => `${server.url}/graphql` })) {
    test(audit.name, async () => {
      const result = await audit.fn();
      expect(result.status === 'error' ? `${result.reason}` : 'ok or warn').toBe('ok or warn');
    });
  }

  test('the landing page carries the ESCO attribution and example queries', async () => {
    const page = await (await fetch(`${server.url}/`)).text();
    expect(page).toContain(ESCO_ATTRIBUTION);
    expect(page).toContain('essentialSkills');
  });
});

describe('SPARQL endpoint over HTTP', () => {
  const occupations = () => readEscoCsv(ESCO_V111(), 'occupations_en.csv') as Record<'conceptUri' | 'preferredLabel', string>[];
  const SELECT = `PREFIX esco: <http://data.europa.eu/esco/model#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?o ?label WHERE { ?o a esco:Occupation ; skos:prefLabel ?label FILTER(lang(?label) = "en") } ORDER BY ?o LIMIT 5`;

  test('GET a SELECT as SPARQL JSON', async () => {
    const response = await fetch(`${server.url}/sparql?query=${encodeURIComponent(SELECT)}`, { headers: { Accept: 'application/sparql-results+json' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/sparql-results\+json/);
    const body = (await response.json()) as { results: { bindings: { o: { value: string }; label: { value: string } }[] } };
    const expected = occupations().map((r) => ({ uri: r.conceptUri, label: r.preferredLabel })).sort((a, b) => (a.uri < b.uri ? -1 : 1)).slice(0, 5);
    expect(body.results.bindings.map((b) => ({ uri: b.o.value, label: b.label.value }))).toEqual(expected);
  });

  test('POST application/sparql-query as CSV, and a form-encoded ASK as XML', async () => {
    const csv = await fetch(`${server.url}/sparql`, {
      method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'text/csv' }, body: SELECT,
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('o,label');
    expect(lines).toHaveLength(6);
    const ask = await fetch(`${server.url}/sparql`, {
      method: 'POST', headers: { Accept: 'application/sparql-results+xml' },
      body: new URLSearchParams({ query: 'ASK { ?s a <http://data.europa.eu/esco/model#Skill> }' }),
    });
    expect(await ask.text()).toContain('<boolean>true</boolean>');
  });

  test('CONSTRUCT and DESCRIBE answer RDF', async () => {
    const uri = occupations()[0]!.conceptUri;
    const response = await fetch(`${server.url}/sparql?query=${encodeURIComponent(`DESCRIBE <${uri}>`)}`, { headers: { Accept: 'application/n-triples' } });
    expect(response.headers.get('content-type')).toMatch(/^application\/n-triples/);
    expect(await response.text()).toContain(`<${uri}> <http://www.w3.org/2004/02/skos/core#prefLabel>`);
  });

  test('updates are refused with 403, in every protocol form', async () => {
    const update = 'INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }';
    const responses = await Promise.all([
      fetch(`${server.url}/sparql`, { method: 'POST', body: new URLSearchParams({ update }) }),
      fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'Content-Type': 'application/sparql-update' }, body: update }),
      fetch(`${server.url}/sparql?query=${encodeURIComponent(update)}`),
    ]);
    for (const response of responses) {
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(/read-only/);
    }
  });

  test('a syntax error is 400 with the parser message; an unacceptable format is 406', async () => {
    const bad = await fetch(`${server.url}/sparql?query=${encodeURIComponent('SELECT * WHERE { ?s ?p }')}`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/error at 1:/);
    const notAcceptable = await fetch(`${server.url}/sparql?query=${encodeURIComponent(SELECT)}`, { headers: { Accept: 'image/png' } });
    expect(notAcceptable.status).toBe(406);
  });
});
