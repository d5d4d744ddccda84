/**
 * The linking thread's side (see linking-thread.ts): a LinkingService over the store, answering the main thread's
 * ranking calls. The store is the main thread's, read by message: a WebAssembly store cannot be shared between
 * threads, and linking reads the store only to build its indexes (and to follow another process's import), so one
 * way for both backends costs nothing at request time.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config.js';
import { EscoStore } from '../store/esco-store.js';
import type { StoreBackend } from '../store/store-backend.js';
import { createEmbedder } from './create-embedder.js';
import { IdleCollector } from './idle-collector.js';
import { RANKING_CALLS, type RankingCall } from './linker.js';
import { LinkingService } from './linking-service.js';
import type { LinkableType } from '../store/queries/linking.js';

/** Messages from the main thread. */
export type ToWorker =
  | { id: number; call: RankingCall; args: unknown[] }
  | { id: number; call: 'index'; args: [LinkableType] }
  | { id: number; call: 'follow'; args: [] }
  | { id: number; call: 'close'; args: [] };

/** Messages to the main thread. */
export type FromWorker =
  | { id: number; result: unknown }
  | { id: number; error: { name: string; message: string } }
  | { state: { version: string; embedder: { requested: string; used: string; notice?: string; model?: string }; progress: ReturnType<LinkingService['progress']> } }
  | { log: string };

export interface LinkingWorkerData {
  config: Config;
  /** The main thread's store, by message. */
  storePort: MessagePort;
}

/** A read-only backend whose queries the main thread answers from its store. */
function remoteBackend(port: MessagePort): StoreBackend {
  let next = 0;
  const waiting = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();
  port.on('message', ({ id, result, error }: { id: number; result?: never; error?: string }) => {
    const call = waiting.get(id)!;
    waiting.delete(id);
    if (error !== undefined) call.reject(new Error(error));
    else call.resolve(result!);
  });
  const ask = <T>(method: 'selectTsv' | 'ask', args: unknown[]) => new Promise<T>((resolve, reject) => {
    const id = next++;
    waiting.set(id, { resolve: resolve as (value: never) => void, reject });
    port.postMessage({ id, method, args });
  });
  const readOnly = () => Promise.reject(new Error('the linking thread reads the store only'));
  return {
    name: 'the main thread\'s store',
    durable: false,
    selectTsv: (query, graph) => ask('selectTsv', [query, graph]),
    ask: (query, graph) => ask('ask', [query, graph]),
    update: readOnly,
    load: readOnly,
    dump: readOnly,
    size: readOnly,
    close: async () => port.close(),
  };
}


/**
 * How long the thread waits without work before it gives its memory back (idle-collector.ts): 30 s, so that the
 * short gaps of a sustained load never trigger it and a server at rest (bench:cold-start reads RSS 70 s after its
 * last build) is collected.
 */
const IDLE_COLLECTION_MS = 30_000;

const { config, storePort } = workerData as LinkingWorkerData;
const collector = new IdleCollector(IDLE_COLLECTION_MS);
const post = (message: FromWorker) => parentPort!.postMessage(message);
const log = (line: string) => post({ log: line });

const store = await EscoStore.open(remoteBackend(storePort));
const embedder = await createEmbedder(config.embedder, { model: config.model, dataDir: config.dataDir });
log(embedder.notice ?? `linking with the ${embedder.used} backend${embedder.embedder ? ` (${embedder.embedder.model})` : ''}`);
const start = (answerWhileBuilding: boolean) => new LinkingService({ store, embedder, dataDir: config.dataDir, answerWhileBuilding, log });
let service = start(true);
let servedStamp = store.importStamp(service.version);

let lastState = '';
function postState() {
  const { requested, used, notice } = embedder;
  const state = { version: service.version, embedder: { requested, used, notice, model: embedder.embedder?.model }, progress: service.progress() };
  const text = JSON.stringify(state);
  if (text !== lastState) post({ state: JSON.parse(text) });
  lastState = text;
}
// The main thread answers `progress()` at once from the latest state: sent on change, looked at every half second.
setInterval(postState, 500).unref();

async function warm(next: LinkingService) {
  for (const type of ['Skill', 'Occupation'] as const) {
    const index = await next.index(type);
    const how = index.buildMillis.vectorsFromCache ? 'vectors from cache' : `${index.vectorCount} vectors built`;
    log(`${type.toLowerCase()} index ready (ESCO ${next.version}): ${index.size} concepts, ${how}`);
    postState();
  }
}
collector.track(() => warm(service)).catch((error: Error) => log(`building the linking index failed: ${error.message}`));

/**
 * Another process changed the shared store: when the default version or its import is another than the one linked,
 * a new index is built beside the one in use, which keeps answering until the new one is ready.
 */
async function follow() {
  await store.reloadMeta();
  const version = store.defaultVersion;
  if (!version || (version === service.version && store.importStamp(version) === servedStamp)) return;
  const stamp = store.importStamp(version);
  servedStamp = stamp;
  log(`the store's default version is now ${version}${version === service.version ? ' (imported again)' : ''}: building its linking index`);
  const next = start(false);
  await warm(next);
  // A later change may have started another build meanwhile: the newest wins.
  if (servedStamp !== stamp) return;
  service = next;
  postState();
}

parentPort!.on('message', async (message: ToWorker) => {
  // Exiting by itself, between two tasks, never terminated from outside: a thread stopped inside onnxruntime's
  // native code can abort the process. Calls in flight (an index still building) are given up: the server is closing.
  if (message.call === 'close') process.exit(0);
  try {
    post({ id: message.id, result: await collector.track(() => answer(message)) });
  } catch (error) {
    const { name, message: text } = error instanceof Error ? error : new Error(String(error));
    post({ id: message.id, error: { name, message: text } });
  }
});
postState();

async function answer(message: Exclude<ToWorker, { call: 'close' }>): Promise<unknown> {
  if (message.call === 'follow') return follow();
  if (message.call === 'index') {
    const { size, vectorCount, buildMillis } = await service.index(message.args[0]);
    return { size, vectorCount, buildMillis };
  }
  if ((RANKING_CALLS as readonly string[]).includes(message.call)) {
    return (service[message.call] as (...args: unknown[]) => Promise<unknown>)(...message.args);
  }
  throw new Error(`the linking thread has no call ${String((message as { call: unknown }).call)}`);
}
