import { fastifyApolloHandler } from '@as-integrations/fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EscoGraphQL } from '../graphql/index.js';
import type { CorsOrigins } from './security.js';
import { type WebApp, wantsHtml } from './web-app.js';

/**
 * GraphQL request bodies above this are refused before parsing. The query itself is limited to 20,000 characters;
 * the rest is variables, which the analyses' own input limits bound (2,000,000 characters of job-ad text, 5,000
 * demand entries with their skills), as the /export routes' 8 MiB does for the same inputs.
 */
export const MAX_GRAPHQL_BODY = 8 * 1024 * 1024;

/**
 * Whether a GET may pass Apollo's CSRF prevention as if preflighted. Apollo refuses every GET without a
 * preflight-forcing header because any site's page can make a browser send one (a link, an <img>, a <script>).
 * Browsers say where a request comes from in Sec-Fetch-Site, which no page can set: a GET counts as preflighted
 * when no browser sent it (curl, scripts, servers send no Sec-Fetch-Site), when it comes from this origin or from
 * the address bar ('none'), or from an origin the CORS setting lists. A cross-site GET from any other page still
 * meets Apollo's refusal. GET runs queries only, never mutations (Apollo refuses those), and this API has no cookies.
 */
function getIsVouchedFor(request: FastifyRequest, corsOrigins: CorsOrigins): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin' || site === 'none') return true;
  const { origin } = request.headers;
  return Array.isArray(corsOrigins) && origin !== undefined && corsOrigins.includes(origin);
}

/**
 * `/graphql`: Apollo over Fastify; a browser's GET (it asks for HTML) gets the web app's GraphQL IDE instead, which
 * reads a `?query=` to preload itself.
 */
export function registerGraphQL(app: FastifyInstance, graphql: EscoGraphQL, web: WebApp, corsOrigins: CorsOrigins) {
  const apollo = fastifyApolloHandler(graphql.apollo, {
    context: async (request) =>
      graphql.contextFor({ authorization: request.headers.authorization, acceptLanguage: request.headers['accept-language'], ip: request.ip }),
  });
  // Its own scope: the JSON parser (with the GraphQL body limit) applies here only; other routes read their bodies themselves.
  return app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: MAX_GRAPHQL_BODY }, scope.getDefaultJsonParser('error', 'error'));
    scope.route({
      method: ['GET', 'POST'],
      url: '/graphql',
      handler(request, reply) {
        if (request.method === 'POST') return apollo.call(this, request, reply);
        if (wantsHtml(request)) return web.sendPage(reply, 'ide.html');
        if (getIsVouchedFor(request, corsOrigins)) request.headers = { ...request.headers, 'apollo-require-preflight': 'vouched-by-server' };
        return apollo.call(this, request, reply);
      },
    });
  });
}
