// Runs SPARQL queries on a snapshot of the embedded store in a worker thread, so that a query past its time limit
// can be stopped (worker.terminate()) without stopping the server. Plain JavaScript: worker threads do not inherit the
// TypeScript loader. Messages: see SparqlEndpoint in ./sparql-endpoint.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { answerQueries } from './answer-queries.js';

const PAGE = 64 * 1024;

/** Unsigned LEB128, as WebAssembly writes its sizes. */
function leb128(value) {
  const bytes = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    bytes.push(byte);
  } while (value);
  return bytes;
}

/**
 * Gives the module's own memory a maximum. oxigraph's memory has none, so one query (a cartesian product under
 * ORDER BY, DISTINCT or a result being serialized) grows it toward 4 GB; with a maximum, the allocation that would
 * pass it fails inside oxigraph, the query ends with a RuntimeError, and this worker is replaced.
 */
function withMemoryMaximum(bytes, maxPages) {
  const wasm = Buffer.from(bytes);
  let at = 8;
  const read = () => {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = wasm[at++];
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return result >>> 0;
  };
  while (at < wasm.length) {
    const sectionStart = at;
    const id = wasm[at++];
    const size = read();
    const contentStart = at;
    if (id === 5) {
      const count = read();
      at++; // the limits' flags: 0, a minimum only
      const minimum = read();
      const content = Buffer.from([...leb128(count), 0x01, ...leb128(minimum), ...leb128(Math.max(minimum, maxPages))]);
      return Buffer.concat([wasm.subarray(0, sectionStart), Buffer.from([5, ...leb128(content.length)]), content, wasm.subarray(contentStart + size)]);
    }
    at = contentStart + size;
  }
  return wasm;
}

let memory;
const { Module, Instance } = WebAssembly;
// oxigraph's node build compiles its module with `new WebAssembly.Module` when first imported; only this thread's
// WebAssembly is changed, and only for that import.
WebAssembly.Module = function CappedModule(bytes) {
  return new Module(withMemoryMaximum(bytes, Math.ceil(workerData.maxMemoryBytes / PAGE)));
};
WebAssembly.Instance = function KeptInstance(module, imports) {
  const instance = new Instance(module, imports);
  memory ??= instance.exports.memory;
  return instance;
};
const { default: oxigraph } = await import('oxigraph');
WebAssembly.Module = Module;
WebAssembly.Instance = Instance;

const memoryBytes = () => memory?.buffer.byteLength ?? 0;

const store = new oxigraph.Store();
try {
  store.load(new Uint8Array(workerData.snapshot), { format: 'application/n-quads', lenient: true, no_transaction: true });
} catch (error) {
  parentPort.postMessage({ loadFailed: String(error?.message ?? error), memory: memoryBytes() });
  await new Promise(() => undefined);
}
parentPort.postMessage({ ready: true, memory: memoryBytes() });

answerQueries(
  (query, { format, defaultGraphs, namedGraphs }) => {
    const result = store.query(query, {
      results_format: format,
      default_graph: defaultGraphs.map((graph) => oxigraph.namedNode(graph)),
      // With no named-graph-uri, every named graph can be queried with GRAPH.
      ...(namedGraphs.length > 0 ? { named_graphs: namedGraphs.map((graph) => oxigraph.namedNode(graph)) } : {}),
    });
    return typeof result === 'string' ? result : JSON.stringify(result);
  },
  {
    memoryBytes,
    // A RuntimeError comes from inside oxigraph's WebAssembly (out of memory, a stack overflow): its state can no
    // longer be trusted, and every later query would fail the same way.
    isFatal: (error) => error instanceof WebAssembly.RuntimeError || error instanceof RangeError,
  },
);
