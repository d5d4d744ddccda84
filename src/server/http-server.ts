import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { EscoGraphQL } from '../graphql/index.js';
import { type SparqlEndpoint, handleSparql } from '../sparql/index.js';
import type { EscoStore } from '../store/esco-store.js';
import { handleGraphQL } from './graphql-handler.js';
import { landingPage } from './landing-page.js';
import { HttpError } from './request-body.js';

/** Another module's HTTP route: answers and returns true when the request is its own, else returns false. */
export type Route = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;

export interface HttpServerOptions {
  store: EscoStore;
  graphql: EscoGraphQL;
  sparql: SparqlEndpoint;
  /** Tried in order before the 404, after /, /graphql and /sparql. */
  routes?: Route[];
  logger?: Logger;
  port: number;
  host?: string;
}

export interface RunningServer {
  server: Server;
  /** e.g. http://127.0.0.1:4000 */
  url: string;
  close(): Promise<void>;
}

function answer(response: ServerResponse, status: number, message: string) {
  if (response.headersSent) return response.end();
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`${message}\n`);
}

/** Starts Apollo Server, then the node http server that routes /, /graphql, /sparql and the modules' routes. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const { graphql, sparql, logger } = options;
  await graphql.apollo.start();
  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/graphql') return handleGraphQL(graphql, request, response, url);
    if (url.pathname === '/sparql') return handleSparql(sparql, request, response, url);
    if (url.pathname === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return response.end(landingPage(options.store.versions().map((v) => v.version)));
    }
    for (const extra of options.routes ?? []) if (await extra(request, response, url)) return;
    answer(response, 404, `no route ${url.pathname}: see / for what this server offers`);
  };
  const server = createServer((request, response) => {
    const started = performance.now();
    route(request, response)
      .catch((error: unknown) => {
        if (error instanceof HttpError) return answer(response, error.status, error.message);
        logger?.error({ err: error, url: request.url }, 'request failed');
        answer(response, 500, 'internal error');
      })
      .finally(() => {
        logger?.info({ method: request.method, url: request.url?.slice(0, 200), status: response.statusCode, ms: Math.round(performance.now() - started) }, 'request');
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await graphql.apollo.stop();
      await sparql.close();
    },
  };
}
