import type { IncomingMessage, ServerResponse } from 'node:http';
import { UnknownVersionError } from '../store/esco-store.js';
import { HttpError, mediaType, readBody } from '../server/request-body.js';
import type { SparqlEndpoint } from './sparql-endpoint.js';
import { SparqlProtocolError, negotiateFormat, parseSparqlRequest, queryForm } from './sparql-protocol.js';

const MAX_SPARQL_BODY = 256 * 1024;

/** The /sparql route: SPARQL 1.1 Protocol queries; errors answered as text/plain with the reason. */
export async function handleSparql(endpoint: SparqlEndpoint, request: IncomingMessage, response: ServerResponse, url: URL) {
  try {
    const method = request.method ?? 'GET';
    const body = method === 'POST' ? await readBody(request, MAX_SPARQL_BODY) : '';
    const parsed = parseSparqlRequest(method, url, mediaType(request.headers['content-type']), body);
    const form = queryForm(parsed.query);
    if (!form) throw new SparqlProtocolError(400, 'not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE after the prologue');
    const format = negotiateFormat(form, request.headers.accept, url.searchParams.get('format'));
    if (!format) throw new SparqlProtocolError(406, `cannot answer a ${form} query in ${request.headers.accept}`);
    // By address, not by token: reading needs no token, so a token would be a new identity for the asking.
    const result = await endpoint.run(parsed, format, request.socket.remoteAddress ?? 'unknown');
    response.writeHead(200, { 'Content-Type': `${format}; charset=utf-8`, Vary: 'Accept' });
    response.end(result);
  } catch (error) {
    const status = error instanceof SparqlProtocolError || error instanceof HttpError ? error.status : error instanceof UnknownVersionError ? 400 : 500;
    const message = status === 500 ? 'internal error' : (error as Error).message;
    const retryAfter = error instanceof SparqlProtocolError ? error.retryAfter : undefined;
    // The rest of a body refused as too large is never read: the next request on this connection would wait behind it.
    const unread = error instanceof HttpError && status === 413;
    response.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      ...(status === 405 ? { Allow: 'GET, POST' } : {}),
      ...(retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : {}),
      ...(unread ? { Connection: 'close' } : {}),
    });
    response.end(`${message}\n`);
    if (status === 500) throw error;
  }
}
