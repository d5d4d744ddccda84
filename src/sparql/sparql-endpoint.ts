import { Worker } from 'node:worker_threads';
import { isIri } from '../ingest/vocabulary.js';
import type { EscoStore } from '../store/esco-store.js';
import { SparqlProtocolError, type SparqlRequest } from './sparql-protocol.js';

export interface SparqlLimits {
  /** A query running longer is stopped (its worker is terminated) and answered 503. */
  timeoutMs: number;
  /** Serialized results larger than this are refused (413): add a LIMIT. */
  maxResultBytes: number;
  /** Longest query text, in characters. */
  maxQueryLength: number;
}

export const DEFAULT_SPARQL_LIMITS: SparqlLimits = { timeoutMs: 10_000, maxResultBytes: 16 * 1024 * 1024, maxQueryLength: 100_000 };

interface Pending {
  resolve: (result: string) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

type Reply = { ready: true } | { id: number; result: string } | { id: number; error: string; status: number };

/**
 * Runs read-only SPARQL queries in a worker thread over a snapshot of the store (an N-Quads dump, ~1 s to take,
 * ~3 s to load for one ESCO version): oxigraph cannot interrupt a query, but a worker can be terminated, so a
 * runaway query costs its worker, not the server. Updates made through the store later (qualification writes)
 * make the snapshot stale: the next query that finds no other query running takes a fresh one.
 */
export class SparqlEndpoint {
  readonly limits: SparqlLimits;
  private worker?: Promise<Worker>;
  private snapshotRevision = -1;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly store: EscoStore, limits: Partial<SparqlLimits> = {}) {
    this.limits = { ...DEFAULT_SPARQL_LIMITS, ...limits };
  }

  /** Starts the worker now instead of at the first query. */
  async warm(): Promise<void> {
    await this.ready();
  }

  async close(): Promise<void> {
    this.stop(new SparqlProtocolError(503, 'the server is shutting down'));
  }

  /** Runs a query and returns its results serialized as `format` (a media type that negotiateFormat chose). */
  async run(request: SparqlRequest, format: string): Promise<string> {
    if (request.query.length > this.limits.maxQueryLength) {
      throw new SparqlProtocolError(413, `the query is ${request.query.length} characters; the limit is ${this.limits.maxQueryLength}`);
    }
    const defaultGraphs = request.defaultGraphs.length > 0 ? request.defaultGraphs : [this.store.graph(request.version).value];
    for (const graph of [...defaultGraphs, ...request.namedGraphs]) {
      if (!isIri(graph)) throw new SparqlProtocolError(400, `not a graph IRI: ${JSON.stringify(graph.slice(0, 200))}`);
    }
    // No query is running on the stale snapshot, so dropping it interrupts nobody; the next worker takes a fresh one.
    if (this.worker && this.snapshotRevision !== this.store.revision && this.pending.size === 0) {
      this.stop(new SparqlProtocolError(503, 'the SPARQL snapshot was refreshed'));
    }
    const worker = await this.ready();
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.stop(new SparqlProtocolError(503, `the query ran longer than ${this.limits.timeoutMs} ms and was stopped`));
      }, this.limits.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, query: request.query, format, defaultGraphs, namedGraphs: request.namedGraphs, maxResultBytes: this.limits.maxResultBytes });
    });
  }

  private ready(): Promise<Worker> {
    this.worker ??= new Promise<Worker>((resolve, reject) => {
      this.snapshotRevision = this.store.revision;
      const nquads = this.store.store.dump({ format: 'application/n-quads' });
      const worker = new Worker(new URL('./query-worker.js', import.meta.url), { workerData: { nquads } });
      worker.on('message', (reply: Reply) => {
        if ('ready' in reply) return resolve(worker);
        const pending = this.pending.get(reply.id);
        if (!pending) return;
        this.pending.delete(reply.id);
        clearTimeout(pending.timer);
        if ('result' in reply) pending.resolve(reply.result);
        else pending.reject(new SparqlProtocolError(reply.status, reply.error));
      });
      worker.on('error', (error) => {
        reject(error);
        this.stop(new SparqlProtocolError(500, `the SPARQL worker failed: ${error.message}`));
      });
    });
    return this.worker;
  }

  /** Terminates the worker and fails every query it had (a timed-out query holds the worker until then). */
  private stop(reason: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(reason);
    }
    this.pending.clear();
    void worker?.then((w) => w.terminate(), () => undefined);
  }
}
