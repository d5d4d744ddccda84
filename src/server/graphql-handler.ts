import { HeaderMap } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EscoGraphQL } from '../graphql/index.js';
import { HttpError, mediaType, readBody } from './request-body.js';

/** GraphQL request bodies above this are refused: a query is limited to 20,000 characters anyway. */
const MAX_GRAPHQL_BODY = 256 * 1024;

function headerMap(request: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

async function parsedBody(request: IncomingMessage): Promise<unknown> {
  if (request.method !== 'POST') return undefined;
  const text = await readBody(request, MAX_GRAPHQL_BODY);
  if (mediaType(request.headers['content-type']) !== 'application/json') return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON');
  }
}

/** Hands one node http request to Apollo Server and writes its answer (Apollo has no node http integration of its own). */
export async function handleGraphQL(graphql: EscoGraphQL, request: IncomingMessage, response: ServerResponse, url: URL) {
  const result = await graphql.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? 'GET', headers: headerMap(request), search: url.search, body: await parsedBody(request) },
    context: async () => graphql.contextFor({ authorization: request.headers.authorization, acceptLanguage: request.headers['accept-language'] }),
  });
  response.statusCode = result.status ?? 200;
  for (const [name, value] of result.headers) response.setHeader(name, value);
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}
