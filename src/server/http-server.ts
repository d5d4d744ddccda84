import fastifyCompress from '@fastify/compress';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { EscoGraphQL } from '../graphql/index.js';
import { type SparqlEndpoint, handleSparql } from '../sparql/index.js';
import { MAX_HEADER_BYTES, answerClientError } from './client-errors.js';
import { MAX_GRAPHQL_BODY, registerGraphQL } from './graphql-route.js';
import { type CorsOrigins, registerCors, registerSecurityHeaders } from './security.js';
import { DEFAULT_WEB_ROOT, registerWebApp } from './web-app.js';

/** Another module's HTTP route: answers and returns true when the request is its own, else returns false. */
export type Route = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;

export interface HttpServerOptions {
  graphql: EscoGraphQL;
  sparql: SparqlEndpoint;
  /** Tried in order for a path that is neither /graphql, /sparql nor a file of the web app. */
  routes?: Route[];
  logger?: Logger;
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Proxies whose X-Forwarded-For names the client (see Config.trustProxy); default none. */
  trustProxy?: string[];
  /** The built web app: index.html, ide.html, assets/ (default: web/dist of this repository). */
  webRoot?: string;
  /** Origins whose pages may call the API (default: none, same origin only). */
  corsOrigins?: CorsOrigins;
  /** Told of every request, from its arrival until its connection is done with it (the server's IdleCollector). */
  activity?: { track(work: () => Promise<unknown>): Promise<unknown> };
}

export interface RunningServer {
  server: Server;
  /** e.g. http://127.0.0.1:4000 */
  url: string;
  close(): Promise<void>;
}

const TEXT = 'text/plain; charset=utf-8';

/**
 * Hands the request to node http routes on the raw request and response; Fastify steps aside (hijack) for the one
 * that answers. Headers already set for this reply (security, CORS) go with it. Their bodies are never read by
 * Fastify (the catch-all parser leaves them), so their own body limits and errors hold.
 */
async function answerByRoutes(routes: Route[], request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const url = new URL(request.url, 'http://localhost');
  for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) reply.raw.setHeader(name, value);
  for (const route of routes) {
    try {
      if (!(await route(request.raw, reply.raw, url))) continue;
    } catch (error) {
      if (!reply.raw.headersSent) throw error;
      request.log.error({ err: error, url: request.url }, 'request failed after its answer started');
      reply.raw.end();
    }
    reply.hijack();
    return true;
  }
  return false;
}

/** A path with a malformed percent-escape names nothing: the client's mistake, whichever route would take it. */
function hasBadEscape(url: string): boolean {
  try {
    decodeURIComponent(url.split('?', 1)[0]!);
    return false;
  } catch {
    return true;
  }
}

/**
 * Starts Apollo Server, then Fastify with /graphql, /sparql, the modules' routes and the web app, behind security
 * headers, CORS and compression.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const { graphql, sparql, logger, routes = [] } = options;
  await graphql.apollo.start();
  const fastifyLogger: FastifyBaseLogger | undefined = logger;
  const app = Fastify({
    ...(fastifyLogger ? { loggerInstance: fastifyLogger } : {}),
    // One line per request, below, also for the routes that answer on the raw response.
    logController: new LogController({ disableRequestLogging: true }),
    http: { maxHeaderSize: MAX_HEADER_BYTES },
    ...(options.trustProxy?.length ? { trustProxy: options.trustProxy } : {}),
    bodyLimit: MAX_GRAPHQL_BODY,
    clientErrorHandler: (error, socket) => answerClientError(error, socket, logger),
    // Requests refused before routing (a path the router cannot decode): no hook has run, so the headers are set here.
    frameworkErrors: (error, _request, reply) => {
      reply.raw.writeHead(error.statusCode ?? 400, { 'Content-Type': TEXT, 'X-Content-Type-Options': 'nosniff' });
      reply.raw.end(`${error.message}\n`);
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    const answered = new Promise((resolve) => reply.raw.once('close', resolve));
    void options.activity?.track(() => answered);
    reply.raw.once('close', () =>
      logger?.info({ method: request.method, url: request.url.slice(0, 200), client: request.ip, status: reply.raw.statusCode, ms: Math.round(reply.elapsedTime) }, 'request'));
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error, url: request.url }, 'request failed');
    const message = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? `request body is larger than ${MAX_GRAPHQL_BODY} bytes` : error.message;
    return reply.code(status).type(TEXT).send(`${status >= 500 ? 'internal error' : message}\n`);
  });
  // Bodies are left to the routes that read them: GraphQL's scope adds its JSON parser, the others read the raw stream.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  await registerSecurityHeaders(app);
  await registerCors(app, options.corsOrigins ?? []);
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'] });
  app.addHook('onRequest', async (request, reply) => {
    if (hasBadEscape(request.url)) return reply.code(400).type(TEXT).send('the path has a malformed percent-escape\n');
  });

  const web = await registerWebApp(app, options.webRoot ?? DEFAULT_WEB_ROOT);
  await registerGraphQL(app, graphql, web, options.corsOrigins ?? []);
  const sparqlRoute: Route = (request, response, url) => handleSparql(sparql, request, response, url).then(() => true);
  app.all('/sparql', async (request, reply) => {
    await answerByRoutes([sparqlRoute], request, reply);
  });
  app.setNotFoundHandler(async (request, reply) => {
    if (await answerByRoutes(routes, request, reply)) return;
    if (web.isAppRoute(request)) return web.sendPage(reply, 'index.html');
    return reply.code(404).type(TEXT).send(`no route ${request.url.split('?', 1)[0]}: see / for what this server offers\n`);
  });

  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    server: app.server,
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    async close() {
      await app.close();
      await graphql.apollo.stop();
      await sparql.close();
    },
  };
}
