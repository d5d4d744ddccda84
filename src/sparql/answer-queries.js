// The message loop that both kinds of query worker share: each query is checked against the bounds (see
// query-bounds.js) off the server's event loop, run, and its result checked against the row and size caps before
// it is sent back. Plain JavaScript, as the workers are. Messages: see SparqlEndpoint in ./sparql-endpoint.ts.
import { parentPort } from 'node:worker_threads';
import { boundQuery, countRows } from './query-bounds.js';

/**
 * Answers the endpoint's messages with `execute(query, message)` (the bounded query; resolves with the serialized
 * result). `memoryBytes` reports the worker's WebAssembly memory, `isFatal` tells an error that leaves the worker
 * unusable (it is then replaced). An error may carry its HTTP status; others are the query's fault (400).
 */
export function answerQueries(execute, { memoryBytes = () => 0, isFatal = () => false } = {}) {
  parentPort.on('message', async (message) => {
    const { id, format, bounds } = message;
    const reply = (fields) => parentPort.postMessage({ id, ...fields, memory: memoryBytes() });
    try {
      const bounded = boundQuery(message.query, bounds);
      const text = await execute(bounded.query, message);
      if (bounded.rowCap !== undefined && text.length > bounded.rowCap && countRows(text, format) > bounded.rowCap) {
        reply({ error: `the result has more than ${bounded.rowCap} rows: add a LIMIT`, status: 413 });
      } else if (Buffer.byteLength(text) > bounds.maxResultBytes) {
        reply({ error: tooLarge(bounds.maxResultBytes), status: 413 });
      } else {
        reply({ result: text });
      }
    } catch (error) {
      const fatal = isFatal(error);
      reply({ error: String(error?.message ?? error), status: error?.status ?? (fatal ? 503 : 400), fatal });
    }
  });
}

export const tooLarge = (maxResultBytes) => `the result is larger than ${maxResultBytes} bytes: add a LIMIT`;
