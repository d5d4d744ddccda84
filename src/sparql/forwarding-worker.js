// Forwards bounded SPARQL queries to the SPARQL server that holds the store, in a worker thread as the embedded
// store's queries run: the bounds are checked off the server's event loop (parsing a long query takes a quarter of a
// second), and a query past its time limit is stopped by terminating this worker, which closes its connection.
// Plain JavaScript: worker threads do not inherit the TypeScript loader. Messages: see SparqlEndpoint.
import { parentPort, workerData } from 'node:worker_threads';
import { answerQueries, tooLarge } from './answer-queries.js';

const { query: queryUrl, authorization } = workerData.endpoint;

class ServerAnswerError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/** The answer's text, read no further than the size cap: a huge result is refused without being held. */
async function readCapped(response, maxBytes) {
  const chunks = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new ServerAnswerError(tooLarge(maxBytes), 413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

answerQueries(async (query, { format, defaultGraphs, namedGraphs, bounds }) => {
  const params = new URLSearchParams();
  for (const graph of defaultGraphs) params.append('default-graph-uri', graph);
  // With no named-graph-uri, every named graph can be queried with GRAPH.
  for (const graph of namedGraphs) params.append('named-graph-uri', graph);
  let response;
  try {
    response = await fetch(`${queryUrl}${queryUrl.includes('?') ? '&' : '?'}${params}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/sparql-query', Accept: format, ...(authorization ? { Authorization: authorization } : {}) },
      body: query,
    });
  } catch (error) {
    throw new ServerAnswerError(`the SPARQL server at ${queryUrl} cannot be reached: ${error.cause?.message ?? error.message}`, 502);
  }
  if (response.ok) return readCapped(response, bounds.maxResultBytes);
  const said = (await response.text()).trim().slice(0, 1000);
  // The server refusing the query (a syntax error) is the query's fault; anything else is the server's.
  throw new ServerAnswerError(response.status < 500 ? said : `the SPARQL server failed (${response.status}): ${said}`, response.status < 500 ? 400 : 502);
});

parentPort.postMessage({ ready: true, memory: 0 });
