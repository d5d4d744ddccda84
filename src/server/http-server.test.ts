import { getIntrospectionQuery } from 'graphql';
import { serverAudits } from 'graphql-http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { readEscoCsv } from '../../test/csv-oracle.js';
import { realGraphQL } from '../../test/graphql-client.js';
import { realStore } from '../../test/real-store.js';
import { ESCO_V111 } from '../../test/shared-data.js';
import { createGraphQLServer } from '../graphql/index.js';
import { SparqlEndpoint } from '../sparql/index.js';
import { type Route, type RunningServer, startHttpServer } from './http-server.js';

const ALLOWED = 'https://careers.example.org';
const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const SECRET = 'the-repository-package-json';

// A web root of its own, so that these tests do not depend on the frontend build; beside it a file that no path may reach.
const fixture = mkdtempSync(join(tmpdir(), 'escograph-web-fixture-'));
const webRoot = join(fixture, 'dist');
mkdirSync(join(webRoot, 'assets'), { recursive: true });
writeFileSync(join(fixture, 'package.json'), JSON.stringify({ name: SECRET }));
writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>app</title><script type="module" src="/assets/app-abc123.js"></script>');
writeFileSync(join(webRoot, 'ide.html'), '<!doctype html><title>GraphQL IDE</title>');
writeFileSync(join(webRoot, 'assets', 'app-abc123.js'), `export const app = ${JSON.stringify('app '.repeat(2_000))};\n`);

/** The echo of a body read from the raw stream: Fastify must leave module routes' bodies to them. */
const echoRoute: Route = async (request, response, url) => {
  if (url.pathname !== '/export/echo') return false;
  let body = '';
  for await (const chunk of request) body += chunk;
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end(`${decodeURIComponent(url.pathname)} ${body}`);
  return true;
};

const logLines: { msg: string; url?: string; status?: number }[] = [];
const logStream = new Writable({
  write(chunk, _encoding, done) {
    logLines.push(JSON.parse(String(chunk)));
    done();
  },
});

/** What the server told its idle collector: each request's work, and whether it has ended. */
const tracked: { ended: boolean }[] = [];
const activity = {
  track(work: () => Promise<unknown>) {
    const entry = { ended: false };
    tracked.push(entry);
    return work().finally(() => (entry.ended = true));
  },
};

let server: RunningServer;
beforeAll(async () => {
  const store = await realStore();
  server = await startHttpServer({
    graphql: await realGraphQL(), sparql: new SparqlEndpoint(store, { timeoutMs: 20_000 }), port: 0, webRoot, corsOrigins: [ALLOWED],
    routes: [echoRoute], logger: pino(logStream), activity,
  });
});

test('every request counts as activity until its answer is done, so that idle collection waits for it', async () => {
  tracked.length = 0;
  const response = await rawRequest(server.url, '/export/echo', { method: 'POST', body: 'x' });
  expect(response.status).toBe(200);
  // The response's 'close' may come a moment after the client has read it all.
  await vi.waitFor(() => expect(tracked).toEqual([{ ended: true }]));
});
afterAll(async () => {
  await server?.close();
  rmSync(fixture, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request with its path sent as written: fetch would normalize `..` and escapes away. */
function rawRequest(base: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<RawResponse>((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const request = httpRequest({ hostname, port, path, method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

const postGraphQL = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('GraphQL over HTTP', () => {
  // Each audit of the GraphQL-over-HTTP spec as its own test, against the running server.
  for (const audit of serverAudits({ url: () => `${server.url}/graphql` })) {
    test(audit.name, async () => {
      const result = await audit.fn();
      expect(result.status === 'error' ? `${result.reason}` : 'ok or warn').toBe('ok or warn');
    });
  }

  test('a browser GET /graphql gets the IDE page, also with a query to preload', async () => {
    for (const path of ['/graphql', `/graphql?query=${encodeURIComponent('{ versions { version } }')}`]) {
      const response = await fetch(`${server.url}${path}`, { headers: { Accept: HTML } });
      expect(response.status, path).toBe(200);
      expect(await response.text()).toContain('GraphQL IDE');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  test('a GET query from curl or a script answers JSON; a cross-site page\'s GET is refused as CSRF unless its origin is allowed', async () => {
    const path = `/graphql?query=${encodeURIComponent('{versions{version}}')}`;
    const curl = await rawRequest(server.url, path, { headers: { Accept: '*/*', 'User-Agent': 'curl/8.5.0' } });
    expect(curl.status).toBe(200);
    expect(curl.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(curl.body)).toEqual({ data: { versions: [{ version: 'v1.1.1' }] } });
    const crossSite = (origin: string) => rawRequest(server.url, path, { headers: { Accept: '*/*', 'Sec-Fetch-Site': 'cross-site', Origin: origin } });
    const refused = await crossSite('https://attacker.example');
    expect(refused.status).toBe(400);
    expect(refused.body).toMatch(/Cross-Site Request Forgery/);
    const allowed = await crossSite(ALLOWED);
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
  });

  test('the standard introspection query answers the schema', async () => {
    const response = await postGraphQL({ query: getIntrospectionQuery() });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { __schema: { types: { name: string }[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data.__schema.types.map((t) => t.name)).toContain('Occupation');
  });

  test('a fragment cycle and a self-referencing fragment are 400 with the validation message', async () => {
    for (const [query, message] of [
      ['fragment A on Query { ...B } fragment B on Query { ...A } { ...A }', 'Cannot spread fragment "A" within itself via "B".'],
      ['fragment A on Query { ...A } { ...A }', 'Cannot spread fragment "A" within itself.'],
    ]) {
      const response = await postGraphQL({ query });
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe(message);
    }
  });

  test('a variable nested 100,000 lists deep is 400', async () => {
    const types = `${'['.repeat(100_000)}"OCCUPATION"${']'.repeat(100_000)}`;
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: `{"query":"query($t: [ConceptType!]) { search(text: \\"nurse\\", types: $t) { totalCount } }","variables":{"t":${types}}}`,
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/BAD_USER_INPUT/);
  });

  test('a 10 MB query in a GET URL is answered 414, not reset', async () => {
    const response = await rawRequest(server.url, `/graphql?query=${'x'.repeat(10_000_000)}`);
    expect(response.status).toBe(414);
    expect(response.body).toMatch(/use POST|POST/);
    const next = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{versions{version}}')}`);
    expect(next.status).toBe(200);
  });

  test('a body over 8 MiB is 413', async () => {
    const response = await postGraphQL({ query: `{ versions { version } } # ${'x'.repeat(9_000_000)}` });
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/larger than 8388608 bytes/);
  });

  test('JSON answers are compressed for clients that accept it', async () => {
    const response = await rawRequest(server.url, '/graphql', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Encoding': 'gzip' }, body: JSON.stringify({ query: getIntrospectionQuery() }),
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
  });

  test('one log line per request, with its status', async () => {
    await fetch(`${server.url}/no-such-thing?log-probe`);
    await fetch(`${server.url}/sparql?log-probe`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = logLines.filter((line) => line.url?.includes('log-probe'));
    expect(lines.map((line) => [line.msg, line.url, line.status])).toEqual([
      ['request', '/no-such-thing?log-probe', 404],
      ['request', '/sparql?log-probe', 400],
    ]);
  });
});

describe('the web app', () => {
  test('/ serves index.html; hashed assets are cached for a year, pages revalidated', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>app</title>');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${server.url}/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  test('client-side routes get index.html in a browser; other unknown paths are 404 text', async () => {
    for (const path of ['/linking', '/careers/http%3A%2F%2Fdata.europa.eu%2Fesco%2Foccupation%2Fx']) {
      const response = await fetch(`${server.url}${path}`, { headers: { Accept: HTML } });
      expect(response.status, path).toBe(200);
      expect(await response.text()).toContain('<title>app</title>');
    }
    for (const [path, accept] of [['/linking', '*/*'], ['/assets/missing-123.js', HTML], ['/sparqlish', 'application/json'], ['/export/nothing', HTML]]) {
      const response = await fetch(`${server.url}${path}`, { headers: { Accept: accept! } });
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    }
  });

  test('no path reaches a file outside the web root', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json', '/..%5c..%5cpackage.json']) {
      for (const accept of [HTML, '*/*']) {
        const response = await rawRequest(server.url, path, { headers: { Accept: accept } });
        expect(response.body, `${path} ${accept}`).not.toContain(SECRET);
        expect([200, 400, 403, 404], `${path} ${accept}`).toContain(response.status);
      }
    }
  });

  test('a malformed percent-escape in a path is 400, on every route', async () => {
    for (const path of ['/%', '/export/qualifications/%/elm.jsonld', '/assets/%zz.js', '/graphql%']) {
      const response = await rawRequest(server.url, path, { headers: { Accept: HTML } });
      expect(response.status, path).toBe(400);
      expect(response.headers['x-content-type-options'], path).toBe('nosniff');
    }
  });

  test('security headers: nosniff everywhere, a strict CSP on pages', async () => {
    const page = await fetch(`${server.url}/`);
    const csp = page.headers.get('content-security-policy')!;
    for (const directive of ["script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'", "worker-src 'self' blob:", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    const responses = await Promise.all([
      page,
      postGraphQL({ query: '{ versions { version } }' }),
      fetch(`${server.url}/no-such-path`),
      fetch(`${server.url}/sparql?query=${encodeURIComponent('ASK {}')}`),
      fetch(`${server.url}/export/echo`, { method: 'POST', body: 'x' }),
    ]);
    for (const response of responses) expect(response.headers.get('x-content-type-options'), response.url).toBe('nosniff');
  });

  test('gzip for assets', async () => {
    const response = await rawRequest(server.url, '/assets/app-abc123.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.headers['content-encoding']).toBe('gzip');
  });

  test('module routes read their own bodies from the raw request', async () => {
    const response = await fetch(`${server.url}/export/echo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });
    expect(await response.text()).toBe('/export/echo {"a":1}');
  });
});

describe('CORS', () => {
  const preflight = (base: string, origin: string) =>
    fetch(`${base}/graphql`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, authorization' },
    });

  test('a preflight from an allowed origin is 204 with the allowed headers, Authorization among them', async () => {
    const response = await preflight(server.url, ALLOWED);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const allowed = response.headers.get('access-control-allow-headers')!.toLowerCase().split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['content-type', 'authorization', 'accept-language', 'apollo-require-preflight']));
  });

  test('a preflight from another origin gets no Access-Control-Allow-Origin', async () => {
    const response = await preflight(server.url, 'https://attacker.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('requests from an allowed origin carry the CORS headers, on /graphql and /sparql', async () => {
    const graphql = await postGraphQL({ query: '{ versions { version } }' }, { Origin: ALLOWED });
    expect(graphql.status).toBe(200);
    expect(graphql.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const sparql = await fetch(`${server.url}/sparql?query=${encodeURIComponent('ASK {}')}`, { headers: { Origin: ALLOWED } });
    expect(sparql.status).toBe(200);
    expect(sparql.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  test('a client is the connecting address, unless a trusted proxy names it in X-Forwarded-For', async () => {
    const store = await realStore();
    const proxied = await startHttpServer({
      graphql: createGraphQLServer({ store }), sparql: new SparqlEndpoint(store), port: 0, webRoot, trustProxy: ['loopback'], logger: pino(logStream),
    });
    try {
      const clientOf = async (base: string, forwardedFor: string) => {
        const path = `/graphql?query=${encodeURIComponent('{ versions { version } }')}&client=${encodeURIComponent(forwardedFor)}`;
        await fetch(`${base}${path}`, { headers: { 'X-Forwarded-For': forwardedFor } });
        await new Promise((resolve) => setTimeout(resolve, 50));
        return (logLines.filter((line) => line.url === path).at(-1) as { client?: string } | undefined)?.client;
      };
      expect(await clientOf(proxied.url, '203.0.113.7')).toBe('203.0.113.7');
      // Not trusted: the header is the client's own claim, and the rate limit must not key on it.
      expect(await clientOf(server.url, '203.0.113.8')).toBe('127.0.0.1');
    } finally {
      await proxied.close();
    }
  });

  describe("with '*' and no web app built", () => {
    const emptyRoot = mkdtempSync(join(tmpdir(), 'escograph-web-empty-'));
    let open: RunningServer;
    beforeAll(async () => {
      const store = await realStore();
      open = await startHttpServer({ graphql: createGraphQLServer({ store }), sparql: new SparqlEndpoint(store), port: 0, webRoot: emptyRoot, corsOrigins: '*' });
    });
    afterAll(async () => {
      await open?.close();
      rmSync(emptyRoot, { recursive: true, force: true });
    });

    test('any origin may read, without credentials, and never send a token', async () => {
      const response = await preflight(open.url, 'https://anyone.example');
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      expect(response.headers.get('access-control-allow-headers')!.toLowerCase()).not.toContain('authorization');
    });

    test('/ and the IDE say the web app is not built', async () => {
      for (const path of ['/', '/graphql', '/linking']) {
        const response = await fetch(`${open.url}${path}`, { headers: { Accept: HTML } });
        expect(response.status, path).toBe(503);
        expect(await response.text()).toBe('the web app is not built: run npm run build --workspace web\n');
      }
    });
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
