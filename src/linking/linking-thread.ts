import { MessageChannel, Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
import type { EscoStore } from '../store/esco-store.js';
import type { LinkableType } from '../store/queries/linking.js';
import type { EmbedderChoice } from './create-embedder.js';
import type { IndexSummary, Linker, RankingCall } from './linker.js';
import { LinkingInputError, type LinkingProgress, LinkingService } from './linking-service.js';
import type { FromWorker, LinkingWorkerData, ToWorker } from './linking-worker.js';

type State = Extract<FromWorker, { state: unknown }>['state'];

/**
 * The thread's young generation, in MB (V8's default is 16 MB a semi-space). A linking call makes tens of MB of
 * short-lived score arrays; with the default, those of the calls still in flight at a scavenge were promoted, and only
 * full collections freed them: under bench:load-http with use-lite (20 linking clients) RSS swung 1.5–2.1 GB and
 * linking ran 12–13 req/s; with 192 MB, 1.51–1.67 GB and 16–17 req/s, in the same session (96 and 384 did less well).
 */
const YOUNG_GENERATION_MB = 192;

/**
 * Linking in a worker thread of its own, so that ranking (query embedding, the vector scan, BM25, the learned
 * ranker) never holds up the event loop that answers lookups and searches: onnxruntime-node and MiniSearch run on
 * the thread that calls them. The thread holds the indexes; this side holds nothing of them, and answers
 * `progress()`, `version` and `embedder` from the state the thread last sent. The thread reads the store through
 * this side (`answerStoreQueries`), only while it builds an index. A thread that dies is started again
 * on the next call (its vectors come from the cache); the calls it had are refused, naming what happened.
 */
export class LinkingThread implements Linker {
  private worker?: Worker;
  private ready!: Promise<void>;
  private readonly calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private state!: State;
  private closing = false;
  /** splitOutcomes is pure and cheap: it runs here, as the service runs it (a service that never builds an index). */
  private readonly splitter: LinkingService;

  private constructor(
    private readonly store: EscoStore,
    private readonly config: Config,
    private readonly log: (line: string) => void,
  ) {
    this.splitter = new LinkingService({ store, embedder: { requested: 'none', used: 'none' }, ranker: null });
  }

  /** Starts the thread; resolves once it has its store and embedder (its indexes build after). */
  static async start(store: EscoStore, config: Config, log: (line: string) => void): Promise<LinkingThread> {
    const thread = new LinkingThread(store, config, log);
    thread.spawn();
    await thread.ready;
    return thread;
  }

  get version(): string {
    return this.state.version;
  }

  /** What the thread chose (the model's name only: the embedder itself lives there). */
  get embedder(): EmbedderChoice {
    const { model, ...choice } = this.state.embedder;
    return { ...choice, ...(model ? { embedder: { model } } : {}) } as EmbedderChoice;
  }

  progress(): LinkingProgress[] {
    return this.state.progress;
  }

  splitOutcomes(text: string, language?: string): string[] {
    return this.splitter.splitOutcomes(text, language);
  }

  index(type: LinkableType): Promise<IndexSummary> {
    return this.call('index', [type]) as Promise<IndexSummary>;
  }

  /** Tells the thread that another process changed the shared store: it moves to the new default version's index. */
  follow(): Promise<void> {
    return this.call('follow', []) as Promise<void>;
  }

  linkText: LinkingService['linkText'] = (...args) => this.rank('linkText', args);
  linkTexts: LinkingService['linkTexts'] = (...args) => this.rank('linkTexts', args);
  linkLearningOutcomes: LinkingService['linkLearningOutcomes'] = (...args) => this.rank('linkLearningOutcomes', args);
  linkOutcomes: LinkingService['linkOutcomes'] = (...args) => this.rank('linkOutcomes', args);
  semanticSearch: LinkingService['semanticSearch'] = (...args) => this.rank('semanticSearch', args);
  suggestOccupations: LinkingService['suggestOccupations'] = (...args) => this.rank('suggestOccupations', args);
  suggestOccupationsFor: LinkingService['suggestOccupationsFor'] = (...args) => this.rank('suggestOccupationsFor', args);
  similarSkills: LinkingService['similarSkills'] = (...args) => this.rank('similarSkills', args);

  /**
   * Asks the thread to exit (see linking-worker.ts) and resolves once it has; calls in flight are refused. A thread
   * still starting reads the message when it is ready; one that does not exit within 10 s is terminated.
   */
  async close(): Promise<void> {
    this.closing = true;
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage({ id: -1, call: 'close', args: [] } as ToWorker);
    const late = setTimeout(() => void worker.terminate(), 10_000);
    await exited;
    clearTimeout(late);
  }

  private rank<T>(call: RankingCall, args: unknown[]): Promise<T> {
    return this.call(call, args) as Promise<T>;
  }

  private async call(call: ToWorker['call'], args: unknown[]): Promise<unknown> {
    if (!this.worker) this.spawn();
    await this.ready;
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.calls.set(id, { resolve, reject });
      this.worker!.postMessage({ id, call, args } as ToWorker);
    });
  }

  private spawn(): void {
    const channel = new MessageChannel();
    this.answerStoreQueries(channel.port1);
    const workerData: LinkingWorkerData = { config: this.config, storePort: channel.port2 };
    const worker = new Worker(new URL('./linking-worker-entry.js', import.meta.url), {
      workerData, transferList: [channel.port2], resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    this.worker = worker;
    let started!: () => void;
    let failed!: (error: Error) => void;
    this.ready = new Promise((resolve, reject) => ((started = resolve), (failed = reject)));
    this.ready.catch(() => {});
    worker.on('message', (message: FromWorker) => {
      if ('log' in message) this.log(message.log);
      else if ('state' in message) {
        this.state = message.state;
        started();
      } else {
        const call = this.calls.get(message.id)!;
        this.calls.delete(message.id);
        if ('error' in message) call.reject(revived(message.error));
        else call.resolve(message.result);
      }
    });
    worker.on('error', (error) => this.log(`the linking thread failed: ${error.message}`));
    // Referenced for its whole life: the main thread answers its store reads while it builds, and awaits it at
    // start; `close` (the server's) ends it.
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      channel.port1.close();
      const error = new Error(`the linking thread stopped (exit code ${code})${this.closing ? '' : '; it starts again on the next request'}`);
      failed(error);
      for (const call of this.calls.values()) call.reject(error);
      this.calls.clear();
    });
  }

  /** The store's side of the thread's reads. */
  private answerStoreQueries(port: MessageChannel['port1']): void {
    const { backend } = this.store;
    port.on('message', async ({ id, method, args }: { id: number; method: 'selectTsv' | 'ask'; args: [string, string?] }) => {
      try {
        port.postMessage({ id, result: await backend[method](...args) });
      } catch (error) {
        port.postMessage({ id, error: (error as Error).message });
      }
    });
    port.unref();
  }
}

/** The thread's errors as this side's: a caller's mistake stays a LinkingInputError (BAD_USER_INPUT). */
function revived({ name, message }: { name: string; message: string }): Error {
  if (name === 'LinkingInputError') return new LinkingInputError(message);
  const error = new Error(message);
  error.name = name;
  return error;
}
