import { Worker } from 'node:worker_threads';
import { SESSION_OPTIONS } from './onnx-session-options.js';

/** One model run's inputs: int64 tensors by input name. */
export type Feeds = Record<string, { data: BigInt64Array; dims: number[] }>;

interface Job {
  feeds: Feeds;
  resolve: (output: Float32Array) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
}

type Reply = { ready: true } | { output: Float32Array } | { error: string };

/**
 * Worker threads that each hold one onnxruntime session of the same model and run one job at a time, first come,
 * first served. onnxruntime-node runs a session on the calling thread, so a cold build in the event loop would
 * block requests for its whole length and use one core; here it uses `size` cores and the event loop stays free.
 * Workers start on the first job and stop `idleMillis` after the last, so a built server does not keep their
 * sessions' memory. A worker that fails fails every job waiting, and the pool starts afresh on the next run.
 * Workers are stopped by a message, never `terminate()`d: a thread stopped from outside inside onnxruntime's native
 * code (creating its session, running one) can abort the process; by message, each exits once its call returns.
 */
export class EmbeddingPool {
  private slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private idleTimer?: NodeJS.Timeout;

  /** `model`: the ONNX model's bytes; `output`: the float output each job answers with. */
  constructor(
    private readonly model: Uint8Array,
    private readonly output: string,
    readonly size: number,
    private readonly idleMillis = 5_000,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`an embedding pool needs at least one worker, not ${size}`);
  }

  /** Each job's output, in the order of the jobs. */
  async run(jobs: Feeds[]): Promise<Float32Array[]> {
    if (jobs.length === 0) return [];
    clearTimeout(this.idleTimer);
    if (this.slots.length === 0) this.slots = Array.from({ length: this.size }, () => this.start());
    const done = Promise.all(jobs.map((feeds) => new Promise<Float32Array>((resolve, reject) => this.queue.push({ feeds, resolve, reject }))));
    this.dispatch();
    return done;
  }

  /** Stops the workers; jobs still waiting fail at once; resolves when every worker has exited. */
  async close(): Promise<void> {
    const slots = this.slots;
    const exited = slots.map((slot) => new Promise((resolve) => (slot.worker.threadId === -1 ? resolve(undefined) : slot.worker.once('exit', resolve))));
    this.fail(new Error('the embedding pool was closed'));
    await Promise.all(exited);
  }

  private start(): Slot {
    const worker = new Worker(new URL('./onnx-worker.js', import.meta.url), { workerData: { model: this.model, output: this.output, sessionOptions: SESSION_OPTIONS } });
    const slot: Slot = { worker, ready: false };
    worker.on('message', (reply: Reply) => {
      if ('ready' in reply) slot.ready = true;
      else {
        const job = slot.job!;
        slot.job = undefined;
        if ('error' in reply) job.reject(new Error(`embedding worker: ${reply.error}`));
        else job.resolve(reply.output);
      }
      this.dispatch();
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) this.fail(new Error(`an embedding worker stopped (exit code ${code})`));
    });
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      const job = this.queue.shift();
      if (!job) break;
      slot.job = job;
      const buffers = Object.values(job.feeds).map((feed) => feed.data.buffer as ArrayBuffer);
      slot.worker.postMessage(job.feeds, buffers);
    }
    const busy = this.queue.length > 0 || this.slots.some((slot) => slot.job);
    // A worker with work keeps the process alive (a CLI awaiting its vectors); an idle one does not.
    for (const slot of this.slots) (busy ? slot.worker.ref() : slot.worker.unref());
    if (!busy && this.slots.length > 0) {
      this.idleTimer = setTimeout(() => void this.close(), this.idleMillis);
      this.idleTimer.unref();
    }
  }

  private fail(error: Error): void {
    clearTimeout(this.idleTimer);
    const slots = this.slots;
    this.slots = [];
    for (const slot of slots) {
      slot.job?.reject(error);
      slot.worker.postMessage({ stop: true });
      // Nothing of it is waited for now: the process may exit while the thread winds down.
      slot.worker.unref();
    }
    for (const job of this.queue.splice(0)) job.reject(error);
  }
}
