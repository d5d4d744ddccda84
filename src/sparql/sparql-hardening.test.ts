import { type AddressInfo } from 'node:net';
import { Agent, type IncomingHttpHeaders, type Server, createServer, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { realStore } from '../../test/real-store.js';
import { SparqlEndpoint, type SparqlLimits } from './sparql-endpoint.js';
import { handleSparql } from './sparql-handler.js';

// Real ESCO v1.1.1: each worker loads ~100 MB of N-Quads, a few seconds on a loaded machine.
const LOAD_MS = 120_000;
const ESCO = 'PREFIX esco: <http://data.europa.eu/esco/model#>\n';
const CHEAP = `${ESCO}SELECT (COUNT(*) AS ?n) WHERE { ?o a esco:Occupation }`;
const CARTESIAN = 'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }';
const nested = (levels: number) => `SELECT * WHERE { ${'{ '.repeat(levels)}?s ?p ?o${' }'.repeat(levels)} } LIMIT 1`;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  ms: number;
}

/** /sparql alone on a node http server, as the Fastify server hands it the raw request. */
async function serve(limits: Partial<SparqlLimits>) {
  const endpoint = new SparqlEndpoint(await realStore(), limits);
  await endpoint.warm();
  const server: Server = createServer((request, response) => void handleSparql(endpoint, request, response, new URL(request.url!, 'http://localhost')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint,
    /** A query as `client` (a loopback address of its own: clients are told apart by address). */
    ask(query: string, options: { client?: string; agent?: Agent; method?: string; body?: string } = {}) {
      const started = performance.now();
      return new Promise<Answer>((resolve, reject) => {
        const path = options.body === undefined ? `/sparql?query=${encodeURIComponent(query)}` : '/sparql';
        const call = httpRequest({
          host: '127.0.0.1', port, path, method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
          localAddress: options.client ?? '127.0.0.1', agent: options.agent, headers: { Accept: 'text/csv', 'Content-Type': 'application/sparql-query' },
        }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body, ms: performance.now() - started }));
        });
        call.on('error', reject);
        call.end(options.body);
      });
    },
    async close() {
      await endpoint.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** One endpoint for the tests of a describe block: started before them, closed after. */
function servedFor(limits: Partial<SparqlLimits>) {
  const served: { current?: Awaited<ReturnType<typeof serve>> } = {};
  beforeAll(async () => {
    served.current = await serve(limits);
  }, LOAD_MS);
  afterAll(() => served.current?.close());
  return () => served.current!;
}

describe('bounds and a broken worker', () => {
  const served = servedFor({ timeoutMs: 30_000 });

  test('a query nested 1,000 groups deep is refused with 400 naming the limit; the next ordinary query answers 200', async () => {
    const deep = await served().ask(nested(1000));
    expect(deep.status).toBe(400);
    expect(deep.body).toBe('the query nests groups or brackets 1001 deep; the limit is 50\n');
    const ordinary = await served().ask(CHEAP);
    expect(ordinary).toMatchObject({ status: 200, body: 'n\r\n3007\r\n' });
  });

  test('expressions too deep, too many triple patterns and a LIMIT over the row cap are 400s naming their limit', async () => {
    const sum = await served().ask(`SELECT * WHERE { ?s ?p ?o FILTER(${Array(200).fill('?o').join(' + ')} > 0) } LIMIT 1`);
    expect(sum).toMatchObject({ status: 400, body: expect.stringMatching(/^the query's patterns or expressions nest \d+ levels deep; the limit is 50\n$/) });
    const many = await served().ask(`SELECT * WHERE { ${Array.from({ length: 501 }, (_, i) => `?s${i} ?p ?o .`).join(' ')} } LIMIT 1`);
    expect(many).toMatchObject({ status: 400, body: 'the query has 501 triple patterns and path steps; the limit is 500\n' });
    const limit = await served().ask('SELECT * WHERE { ?s ?p ?o } LIMIT 100001');
    expect(limit).toMatchObject({ status: 400, body: "LIMIT 100001 is over this endpoint's limit of 100000 rows\n" });
  });

  test('a cartesian SELECT * stops one row past the row cap with 413; a result under it answers whole', async () => {
    const answer = await served().ask(CARTESIAN);
    expect(answer).toMatchObject({ status: 413, body: 'the result has more than 100000 rows: add a LIMIT\n' });
    expect(answer.ms).toBeLessThan(20_000);
    const labels = await served().ask(`${ESCO}SELECT ?o WHERE { ?o a esco:Occupation }`);
    expect(labels.status).toBe(200);
    expect(labels.body.trim().split('\r\n')).toHaveLength(3008);
  }, 60_000);
});

describe('the connection after a body refused as too large', () => {
  const served = servedFor({ workers: 1 });

  test('is closed with the 413, so the next request on a keep-alive agent answers at once', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const tooLarge = await served().ask('', { agent, body: `ASK {} # ${'x'.repeat(300 * 1024)}` });
      expect(tooLarge).toMatchObject({ status: 413, body: 'request body is larger than 262144 bytes\n' });
      expect(tooLarge.headers.connection).toBe('close');
      const next = await served().ask(CHEAP, { agent });
      expect(next).toMatchObject({ status: 200, body: 'n\r\n3007\r\n' });
      expect(next.ms).toBeLessThan(1000);
    } finally {
      agent.destroy();
    }
  });
});

describe('with the depth bound lifted and a small memory budget', () => {
  const served = servedFor({ maxDepth: 5000, queryMemoryBytes: 48 * 1024 * 1024, maxRows: 1e9, timeoutMs: 30_000, perClient: 20 });

  test('a query that breaks oxigraph costs only its worker: it is replaced at once and the next query answers 200', async () => {
    const crash = await served().ask(nested(1000));
    expect(crash.status).toBe(503);
    expect(crash.body).toMatch(/^the query failed inside the query engine \(memory access out of bounds\) and was stopped/);
    for (let i = 0; i < 3; i++) expect(await served().ask(CHEAP)).toMatchObject({ status: 200, body: 'n\r\n3007\r\n' });
  }, LOAD_MS);

  test('a query that outgrows the memory budget is stopped with 503 before the process grows by gigabytes', async () => {
    const sorted = await served().ask(`${CARTESIAN} ORDER BY ?a`);
    expect(sorted).toMatchObject({ status: 503, body: expect.stringMatching(/^the query needed more than the 48 MB of memory a query may use/) });
    expect(await served().ask(CHEAP)).toMatchObject({ status: 200 });
  }, LOAD_MS);

  test('with 20 heavy queries of one client running, a cheap query from another client answers in < 1 s', async () => {
    await served().endpoint.warm();
    const heavy = Array.from({ length: 20 }, () => served().ask(CARTESIAN));
    // Until the first heavy query holds a worker.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const over = await served().ask(CHEAP);
    expect(over.status).toBe(429);
    expect(over.headers['retry-after']).toBe('1');
    const cheap = await served().ask(CHEAP, { client: '127.0.0.2' });
    console.log(`cheap query beside 20 heavy ones: ${cheap.ms.toFixed(0)} ms`);
    expect(cheap).toMatchObject({ status: 200, body: 'n\r\n3007\r\n' });
    expect(cheap.ms).toBeLessThan(1000);
    // Each heavy query ends at the memory budget or the time limit; the ones still waiting end with the endpoint.
    await served().close();
    const statuses = (await Promise.all(heavy)).map((answer) => answer.status);
    expect(new Set(statuses)).toEqual(new Set([503]));
  }, LOAD_MS * 2);
});
