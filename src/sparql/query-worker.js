// Runs SPARQL queries on a snapshot of the store in a worker thread, so that a query past its time limit can be
// stopped (worker.terminate()) without stopping the server. Plain JavaScript: worker threads do not inherit the
// TypeScript loader. Messages: see SparqlEndpoint in ./sparql-endpoint.ts.
import oxigraph from 'oxigraph';
import { parentPort, workerData } from 'node:worker_threads';

const store = new oxigraph.Store();
store.load(workerData.nquads, { format: 'application/n-quads', lenient: true, no_transaction: true });
parentPort.postMessage({ ready: true });

parentPort.on('message', ({ id, query, format, defaultGraphs, namedGraphs, maxResultBytes }) => {
  try {
    const result = store.query(query, {
      results_format: format,
      default_graph: defaultGraphs.map((graph) => oxigraph.namedNode(graph)),
      // With no named-graph-uri, every named graph can be queried with GRAPH.
      ...(namedGraphs.length > 0 ? { named_graphs: namedGraphs.map((graph) => oxigraph.namedNode(graph)) } : {}),
    });
    const text = typeof result === 'string' ? result : JSON.stringify(result);
    if (Buffer.byteLength(text) > maxResultBytes) {
      parentPort.postMessage({ id, error: `the result is larger than ${maxResultBytes} bytes: add a LIMIT`, status: 413 });
    } else {
      parentPort.postMessage({ id, result: text });
    }
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.message ?? error), status: 400 });
  }
});
