import { type AddressInfo } from 'node:net';
import { Agent, type IncomingHttpHeaders, type Server, createServer, request as httpRequest } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { SparqlEndpoint, type SparqlLimits } from '../src/sparql/sparql-endpoint.js';
import { handleSparql } from '../src/sparql/sparql-handler.js';
import { realStore } from './real-store.js';

// Real ESCO v1.1.1: each worker loads ~100 MB of N-Quads, a few seconds on a loaded machine.
export const LOAD_MS = 120_000;
export const ESCO = 'PREFIX esco: <http://data.europa.eu/esco/model#>\n';
export const CHEAP = `${ESCO}SELECT (COUNT(*) AS ?n) WHERE { ?o a esco:Occupation }`;
export const CARTESIAN = 'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }';
export const nested = (levels: number) => `SELECT * WHERE { ${'{ '.repeat(levels)}?s ?p ?o${' }'.repeat(levels)} } LIMIT 1`;

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  ms: number;
}

/** /sparql alone on a node http server, as the Fastify server hands it the raw request. */
export async function serve(limits: Partial<SparqlLimits>) {
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
export function servedFor(limits: Partial<SparqlLimits>) {
  const served: { current?: Awaited<ReturnType<typeof serve>> } = {};
  beforeAll(async () => {
    served.current = await serve(limits);
  }, LOAD_MS);
  afterAll(() => served.current?.close());
  return () => served.current!;
}
