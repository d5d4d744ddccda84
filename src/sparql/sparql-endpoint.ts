import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { isIri } from '../ingest/vocabulary.js';
import { EmbeddedBackend } from '../store/embedded-backend.js';
import type { EscoStore } from '../store/esco-store.js';
import { type ServerEndpoints, SparqlServerBackend } from '../store/sparql-server-backend.js';
import { FairQueue } from './fair-queue.js';
import { SERVICE_REFUSED, SparqlProtocolError, type SparqlRequest, bracketDepth, namesService } from './sparql-protocol.js';

export interface SparqlLimits {
  /** A query running longer is stopped (its worker is replaced) and answered 503; a query waits at most as long for a worker. */
  timeoutMs: number;
  /** Serialized results larger than this are refused (413): add a LIMIT. */
  maxResultBytes: number;
  /** Longest query text, in characters. */
  maxQueryLength: number;
  /** Deepest nesting of groups, brackets and expressions. */
  maxDepth: number;
  /** Most triple patterns (and property-path steps) in one query. */
  maxTriplePatterns: number;
  /** Most rows a SELECT may answer (413 past it): a SELECT without a LIMIT stops one row after. */
  maxRows: number;
  /** Query workers: embedded, each with its own copy of the store; on a server, the queries forwarded at once. */
  workers: number;
  /** Queries waiting for a worker, from all clients; one more is refused at once (503). */
  queue: number;
  /** Queries of one client (IP address) waiting or running; one more is refused at once (429). */
  perClient: number;
  /** How far one worker's memory may grow above its copy of the store before the query that grows it fails. */
  queryMemoryBytes: number;
  /**
   * Workers stop after this long without a query (0: never), and start again with the next one: embedded, each
   * holds a copy of the store (~430 MB for v1.1.1 English) and the snapshot they load from another, which a server
   * that nobody sends SPARQL to should not keep.
   */
  idleMs: number;
}

export const DEFAULT_SPARQL_LIMITS: SparqlLimits = {
  timeoutMs: 10_000,
  maxResultBytes: 16 * 1024 * 1024,
  maxQueryLength: 100_000,
  maxDepth: 50,
  maxTriplePatterns: 500,
  maxRows: 100_000,
  workers: Math.min(2, availableParallelism()),
  queue: 32,
  perClient: 4,
  queryMemoryBytes: 512 * 1024 * 1024,
  idleMs: 60_000,
};

/** N-Quads bytes → WebAssembly memory after loading them: 4.2 measured on v1.1.1 English, with room to spare. */
const INITIAL_LOAD_FACTOR = 6;
/** A worker that fails this many times in a row before it is ready is not started again. */
const MAX_START_FAILURES = 3;

interface Job {
  client: string;
  message: Omit<QueryMessage, 'id'>;
  resolve: (result: string) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

interface QueryMessage {
  id: number;
  query: string;
  format: string;
  defaultGraphs: string[];
  namedGraphs: string[];
  bounds: Pick<SparqlLimits, 'maxDepth' | 'maxTriplePatterns' | 'maxRows' | 'maxResultBytes'>;
}

type Reply =
  | { ready: true; memory: number }
  | { loadFailed: string; memory: number }
  | { id: number; result: string; memory: number }
  | { id: number; error: string; status: number; fatal?: boolean; memory: number };

interface Slot {
  worker: Worker;
  ready: boolean;
  revision: number;
  /** WebAssembly memory once the snapshot is loaded, and the most it may grow to. */
  loadedMemory: number;
  maxMemory: number;
  job?: Job;
  /** The client whose stopped query this worker is being replaced for. */
  heldBy?: string;
}

/** What the workers answer from: a snapshot of the embedded store, or the SPARQL server that holds the store. */
type Source = { kind: 'snapshot'; backend: EmbeddedBackend } | { kind: 'server'; endpoint: Pick<ServerEndpoints, 'query' | 'authorization'> };

function sourceOf(store: EscoStore): Source {
  const { backend } = store;
  if (backend instanceof EmbeddedBackend) return { kind: 'snapshot', backend };
  if (backend instanceof SparqlServerBackend) return { kind: 'server', endpoint: { query: backend.endpoints.query, authorization: backend.endpoints.authorization } };
  throw new Error(`the SPARQL endpoint cannot serve a ${backend.name} store`);
}

/**
 * Runs read-only SPARQL queries in a small pool of worker threads, admitted by a fair queue with per-client caps.
 * Embedded, each worker holds its own copy of a snapshot of the store: oxigraph cannot interrupt a query, but a
 * worker can be terminated, so a runaway query costs its worker, not the server, and not the queries on the other
 * workers. The snapshot (N-Quads, ~1 s to take for one ESCO version) is kept once in shared memory, so replacing a
 * worker does not stall the event loop taking another. Updates made through the store later (qualification
 * writes) make it stale: idle workers are replaced by workers on a fresh one, busy workers once their query ends,
 * and no query runs on a stale worker. On a SPARQL server, a worker checks a query's bounds and forwards it; the
 * server's answers are never stale, and a stopped worker closes the connection of its query.
 */
export class SparqlEndpoint {
  readonly limits: SparqlLimits;
  private readonly slots: Slot[] = [];
  private readonly queue: FairQueue<Job>;
  private readonly source: Source;
  private snapshot?: { revision: number; bytes: SharedArrayBuffer };
  private loadFactor = INITIAL_LOAD_FACTOR;
  private startFailures = 0;
  private broken?: Error;
  private closed = false;
  private nextId = 1;
  private readonly readyWaiters: (() => void)[] = [];
  private idleTimer?: NodeJS.Timeout;

  constructor(private readonly store: EscoStore, limits: Partial<SparqlLimits> = {}) {
    this.limits = { ...DEFAULT_SPARQL_LIMITS, ...limits };
    this.source = sourceOf(store);
    this.queue = new FairQueue(this.limits.workers);
  }

  /** Starts the workers now instead of at the first query; resolves when each is ready. */
  async warm(): Promise<void> {
    this.fill();
    while (!this.broken && this.slots.some((slot) => !slot.ready)) await new Promise<void>((resolve) => this.readyWaiters.push(resolve));
  }

  /** WebAssembly memory of each worker, as its last answer reported it (for benchmarks). */
  workerMemory(): number[] {
    return this.slots.map((slot) => slot.loadedMemory);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    const reason = new SparqlProtocolError(503, 'the server is shutting down');
    for (const job of this.queue.drain()) this.settle(job, reason);
    await Promise.all(this.slots.splice(0).map((slot) => {
      if (slot.job) this.settle(slot.job, reason);
      return slot.worker.terminate();
    }));
    for (const wake of this.readyWaiters.splice(0)) wake();
  }

  /**
   * Runs a query for a client (its IP address) and returns its results serialized as `format` (a media type that
   * negotiateFormat chose).
   */
  async run(request: SparqlRequest, format: string, client = 'local'): Promise<string> {
    const { limits } = this;
    if (request.query.length > limits.maxQueryLength) {
      throw new SparqlProtocolError(400, `the query is ${request.query.length} characters; the limit is ${limits.maxQueryLength}`);
    }
    // Checked here, before a worker is taken, and whether or not the worker's parser can read the query.
    const depth = bracketDepth(request.query);
    if (depth > limits.maxDepth) {
      throw new SparqlProtocolError(400, `the query nests groups or brackets ${depth} deep; the limit is ${limits.maxDepth}`);
    }
    // A SPARQL server may federate (Oxigraph's does): a query must not make it fetch from elsewhere.
    if (namesService(request.query)) throw new SparqlProtocolError(400, SERVICE_REFUSED);
    const defaultGraphs = request.defaultGraphs.length > 0 ? request.defaultGraphs : [this.store.graph(request.version)];
    for (const graph of [...defaultGraphs, ...request.namedGraphs]) {
      if (!isIri(graph)) throw new SparqlProtocolError(400, `not a graph IRI: ${JSON.stringify(graph.slice(0, 200))}`);
    }
    if (this.broken) throw this.broken;
    if (this.closed) throw new SparqlProtocolError(503, 'the server is shutting down');
    clearTimeout(this.idleTimer);
    if (this.queue.inFlight(client) >= limits.perClient) {
      throw new SparqlProtocolError(429, `this client already has ${limits.perClient} SPARQL queries waiting or running`, 1);
    }
    if (this.queue.size >= limits.queue) {
      throw new SparqlProtocolError(503, `${limits.queue} SPARQL queries are already waiting for a worker`, Math.ceil(limits.timeoutMs / 1000));
    }
    const { maxDepth, maxTriplePatterns, maxRows, maxResultBytes } = limits;
    return new Promise<string>((resolve, reject) => {
      const job: Job = {
        client, resolve, reject,
        message: { query: request.query, format, defaultGraphs, namedGraphs: request.namedGraphs, bounds: { maxDepth, maxTriplePatterns, maxRows, maxResultBytes } },
      };
      this.queue.push(job);
      this.awaitWorker(job);
      this.dispatch();
    });
  }

  /**
   * Refuses a job that waited as long as a query may run while other queries held every ready worker. Time spent
   * while no worker was ready (the pool starting, or loading a fresh snapshot) does not count, nor does time a client
   * waited for its own share while a worker stood idle (its stopped query's worker reloading).
   */
  private awaitWorker(job: Job): void {
    job.timer = setTimeout(() => {
      const ready = this.slots.filter((slot) => slot.ready);
      if (ready.length === 0 || ready.some((slot) => !slot.job)) return this.awaitWorker(job);
      if (this.queue.remove(job)) {
        const seconds = Math.ceil(this.limits.timeoutMs / 1000);
        this.settle(job, new SparqlProtocolError(503, `no SPARQL worker was free within ${this.limits.timeoutMs} ms`, seconds));
      }
    }, this.limits.timeoutMs);
  }

  private dispatch(): void {
    if (this.closed || this.broken) return;
    this.fill();
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      if (this.source.kind === 'snapshot' && slot.revision !== this.store.revision) {
        this.replace(slot);
        continue;
      }
      const job = this.queue.take();
      if (!job) break;
      this.start(slot, job);
    }
    if (this.idle()) this.scheduleIdleStop();
  }

  private idle(): boolean {
    return this.queue.size === 0 && this.slots.every((slot) => !slot.job && slot.heldBy === undefined);
  }

  /** After `idleMs` with nothing to do, the workers and the snapshot go; the next query starts them again. */
  private scheduleIdleStop(): void {
    clearTimeout(this.idleTimer);
    if (this.limits.idleMs <= 0 || this.slots.length === 0) return;
    this.idleTimer = setTimeout(() => {
      if (this.closed || !this.idle()) return;
      for (const slot of this.slots.splice(0)) void slot.worker.terminate();
      this.snapshot = undefined;
    }, this.limits.idleMs);
    this.idleTimer.unref();
  }

  private start(slot: Slot, job: Job): void {
    clearTimeout(job.timer);
    slot.job = job;
    job.timer = setTimeout(() => {
      this.finish(slot, new SparqlProtocolError(503, `the query ran longer than ${this.limits.timeoutMs} ms and was stopped`));
      this.replace(slot, job.client);
      this.dispatch();
    }, this.limits.timeoutMs);
    const message: QueryMessage = { id: this.nextId++, ...job.message };
    slot.worker.postMessage(message);
  }

  /** Ends the slot's query, with its result or its error. */
  private finish(slot: Slot, outcome: string | Error): Job | undefined {
    const job = slot.job;
    if (!job) return undefined;
    slot.job = undefined;
    this.queue.release(job.client);
    this.settle(job, outcome);
    return job;
  }

  private settle(job: Job, outcome: string | Error): void {
    clearTimeout(job.timer);
    if (typeof outcome === 'string') job.resolve(outcome);
    else job.reject(outcome);
  }

  private fill(): void {
    while (this.slots.length < this.limits.workers && !this.closed) {
      const slot = { ready: false, revision: -1, loadedMemory: 0, maxMemory: 0 } as Slot;
      this.slots.push(slot);
      this.spawn(slot);
    }
  }

  /** Terminates the slot's worker (its query, if any, already answered) and starts another in its place. */
  private replace(slot: Slot, heldBy?: string): void {
    void slot.worker.terminate();
    if (heldBy !== undefined) {
      slot.heldBy = heldBy;
      this.queue.hold(heldBy);
    }
    this.spawn(slot);
  }

  private spawn(slot: Slot): void {
    slot.ready = false;
    const worker = this.source.kind === 'server' ? this.forwardingWorker(this.source.endpoint) : this.snapshotWorker(slot, this.source.backend);
    slot.worker = worker;
    // A replaced worker, or one stopped for idleness, is no longer heard.
    const current = () => slot.worker === worker && this.slots.includes(slot);
    worker.on('message', (reply: Reply) => {
      if (current()) this.onReply(slot, reply);
    });
    worker.on('error', (error) => {
      if (current()) this.onFailure(slot, error);
    });
    worker.on('exit', (code) => {
      if (current() && !this.closed) this.onFailure(slot, new Error(`the SPARQL worker exited with code ${code}`));
    });
  }

  private onReply(slot: Slot, reply: Reply): void {
    if ('ready' in reply) {
      slot.ready = true;
      slot.loadedMemory = reply.memory;
      this.startFailures = 0;
      this.unhold(slot);
      for (const wake of this.readyWaiters.splice(0)) wake();
    } else if ('loadFailed' in reply) {
      // The snapshot did not fit under the memory maximum this store was guessed to need.
      this.loadFactor *= 2;
      this.onFailure(slot, new Error(`the SPARQL worker could not load the store: ${reply.loadFailed}`));
      return;
    } else if ('result' in reply) {
      this.finish(slot, reply.result);
      this.recycleIfGrown(slot, reply.memory);
    } else {
      const job = this.finish(slot, new SparqlProtocolError(reply.status, this.explain(slot, reply)));
      if (reply.fatal) this.replace(slot, job?.client);
      else this.recycleIfGrown(slot, reply.memory);
    }
    this.dispatch();
  }

  private explain(slot: Slot, reply: { error: string; fatal?: boolean; memory: number }): string {
    if (!reply.fatal) return reply.error;
    const budget = Math.round(this.limits.queryMemoryBytes / 1024 / 1024);
    return reply.memory >= slot.maxMemory - this.limits.queryMemoryBytes * 0.1
      ? `the query needed more than the ${budget} MB of memory a query may use and was stopped: add a LIMIT or narrow its patterns`
      : `the query failed inside the query engine (${reply.error}) and was stopped; the endpoint answers other queries as before`;
  }

  /** WebAssembly memory never shrinks: a worker that grew by half its query budget is swapped for a fresh one. */
  private recycleIfGrown(slot: Slot, memory: number): void {
    if (memory > slot.loadedMemory + this.limits.queryMemoryBytes / 2) this.replace(slot);
  }

  private unhold(slot: Slot): void {
    if (slot.heldBy === undefined) return;
    this.queue.release(slot.heldBy);
    slot.heldBy = undefined;
  }

  private onFailure(slot: Slot, error: Error): void {
    if (this.closed) return;
    this.finish(slot, new SparqlProtocolError(500, `the SPARQL worker failed: ${error.message}`));
    this.unhold(slot);
    if (!slot.ready && ++this.startFailures >= MAX_START_FAILURES) {
      this.broken = new SparqlProtocolError(500, `the SPARQL workers fail to start: ${error.message}`);
      for (const job of this.queue.drain()) this.settle(job, this.broken);
      for (const wake of this.readyWaiters.splice(0)) wake();
      return;
    }
    this.replace(slot);
    this.dispatch();
  }

  private forwardingWorker(endpoint: Pick<ServerEndpoints, 'query' | 'authorization'>): Worker {
    return new Worker(new URL('./forwarding-worker.js', import.meta.url), { workerData: { endpoint } });
  }

  private snapshotWorker(slot: Slot, backend: EmbeddedBackend): Worker {
    const snapshot = this.currentSnapshot(backend);
    slot.revision = snapshot.revision;
    slot.maxMemory = snapshot.bytes.byteLength * this.loadFactor + this.limits.queryMemoryBytes;
    return new Worker(new URL('./query-worker.js', import.meta.url), { workerData: { snapshot: snapshot.bytes, maxMemoryBytes: slot.maxMemory } });
  }

  /** The snapshot for the store's current revision, taken when there is none yet. */
  private currentSnapshot(backend: EmbeddedBackend): { revision: number; bytes: SharedArrayBuffer } {
    if (this.snapshot?.revision !== this.store.revision) {
      const revision = this.store.revision;
      const nquads = backend.snapshot();
      const bytes = new SharedArrayBuffer(Buffer.byteLength(nquads));
      Buffer.from(bytes).write(nquads);
      this.snapshot = { revision, bytes };
    }
    return this.snapshot;
  }
}
